using TeamsSafeguarding.Escalation.Meetings;
using Xunit;
using F = TeamsSafeguarding.Escalation.Meetings.MeetingRecordForm;

namespace TeamsSafeguarding.Tests.Escalation.Meetings;

public class MeetingRecordFormTests
{
    private static readonly DateOnly MeetingDay = new(2026, 3, 10);
    private static readonly RecordContext Context = new(MeetingDay, [("organiser", "Organiser"), ("i0", "Police representative"), ("i1", "Referrer")],
        [new("la", "Local authority", true), new("police", "Police", true), new("other-gp-practice", "GP practice", false)]);

    public static Dictionary<string, string> Complete() => new()
    {
        [F.Attended] = "organiser,i0",
        [F.NotEngaged] = "la",
        [F.WorkingWell] = "Daily calls from the care provider.",
        [F.NotWorking] = "Home visits are refused.",
        [F.RemainingRisk] = "Fire risk remains high.",
        [F.Decisions] = "Fire service home safety visit; weekly welfare check.",
        [F.Unmitigated] = "None",
        [F.KeyPoints] = "Everyone agreed the plan.",
        [F.MonitoringAgency] = "la",
        [F.MonitoringHow] = "Social worker, weekly visits",
        [F.ReviewDate] = "2026-06-10",
        [F.FurtherReview] = "no",
        [F.Action(1, F.ActionPart.What)] = "Arrange a fire service home safety visit",
        [F.Action(1, F.ActionPart.OwnerName)] = "Sam Owner",
        [F.Action(1, F.ActionPart.OwnerEmail)] = "sam.owner@council.example",
        [F.Action(1, F.ActionPart.OwnerAgency)] = "la",
        [F.Action(1, F.ActionPart.Measure)] = "Visit done and report on the case file",
        [F.Action(1, F.ActionPart.Due)] = "2026-04-01",
    };

    [Fact]
    public void A_complete_record_has_its_SMART_actions_and_review()
    {
        var (record, errors) = F.Read(Complete(), Context);

        Assert.Empty(errors);
        Assert.Equal(["organiser", "i0"], record!.Attended);
        Assert.Equal(["la"], record.NotEngaged);
        Assert.Equal(new DateOnly(2026, 6, 10), record.ReviewDate);
        var action = Assert.Single(record.Actions);
        Assert.Equal((1, "Sam Owner", "la", new DateOnly(2026, 4, 1)), (action.Number, action.OwnerName, action.OwnerAgencyId, action.Due));
    }

    [Theory]
    [InlineData(F.ActionPart.What, "", "Say what action 1 is.")]
    [InlineData(F.ActionPart.What, "Visit", "Be specific: say exactly what will be done, by whom, for the person.")]
    [InlineData(F.ActionPart.OwnerName, "", "Name the person who owns this action.")]
    [InlineData(F.ActionPart.OwnerEmail, "sam", "Enter the owner's email address (they get the action in Teams).")]
    [InlineData(F.ActionPart.OwnerAgency, "fire", "Choose the owner's agency.")]
    [InlineData(F.ActionPart.Measure, "", "Say how success will be measured.")]
    [InlineData(F.ActionPart.Due, "", "Choose the date it is due.")]
    [InlineData(F.ActionPart.Due, "2026-03-10", "The due date must be after the meeting.")]
    [InlineData(F.ActionPart.Due, "2026-06-11", "The due date must be on or before the review date, so the review can see it done.")]
    public void An_action_that_is_not_SMART_is_refused_next_to_its_field(string part, string value, string message)
    {
        var values = Complete();
        values[F.Action(1, part)] = value;

        var error = Assert.Single(F.Read(values, Context).Errors);

        Assert.Equal((F.Action(1, part), message), (error.Field, error.Message));
        Assert.Equal(RecordPage.Actions, F.PageOf(error.Field));
        Assert.Equal(1, F.ActionOf(error.Field));
    }

    [Fact]
    public void At_least_one_action_unless_a_further_review_is_agreed_and_text_over_the_limit_says_so()
    {
        var values = Complete();
        foreach (var part in F.ActionPart.All) values.Remove(F.Action(1, part));
        Assert.Equal("Record at least one SMART action (or say that a further senior review is needed).", Assert.Single(F.Read(values, Context).Errors).Message);

        values[F.FurtherReview] = "yes";
        Assert.Empty(F.Read(values, Context).Errors);

        values[F.KeyPoints] = new string('k', F.MaxText + 1);
        values[F.ReviewDate] = "2026-03-10";
        values.Remove(F.Attended);
        var errors = F.Read(values, Context).Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal($"This is {F.MaxText + 1} characters long; please keep it to {F.MaxText}.", errors[F.KeyPoints]);
        Assert.Equal("The review date must be after the meeting.", errors[F.ReviewDate]);
        Assert.Equal("Tick who attended (at least one person).", errors[F.Attended]);
        Assert.Equal([F.Attended], F.Check(RecordPage.Attendance, null, values, Context).Select(e => e.Field));
    }

    [Fact]
    public void Action_pages_count_to_the_last_one_typed_into_and_a_blank_last_page_is_no_action()
    {
        var values = Complete();
        values[F.Action(3, F.ActionPart.What)] = "Weekly welfare check by the neighbourhood team";
        Assert.Equal(3, F.ActionCount(values));
        // Action 2 is blank but not last: it is an action with every field missing.
        Assert.Contains(F.Read(values, Context).Errors, e => e.Field == F.Action(2, F.ActionPart.What));
        Assert.Equal([3], F.Check(RecordPage.Actions, 3, values, Context).Select(e => F.ActionOf(e.Field)).Distinct());
        Assert.Equal(1, F.ActionCount(new Dictionary<string, string>()));
    }
}
