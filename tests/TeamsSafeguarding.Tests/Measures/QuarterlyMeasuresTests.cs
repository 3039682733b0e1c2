using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Measures;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Measures;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Measures;

/// <summary>
/// The quarterly measures computed from a year of cases made through the bot's own steps on a fake clock
/// (<see cref="SeededYear"/>), each number checked against what the year's story says it must be.
/// </summary>
[Collection("Azurite")]
public sealed class QuarterlyMeasuresTests(AzuriteFixture azurite)
{
    private static readonly WorkingDayCalendar Calendar = new(BankHolidayRegion.EnglandAndWales);

    [Fact]
    public async Task A_seeded_year_gives_each_quarters_figures()
    {
        var board = new BoardHarness(azurite.NewTable("measures"));
        await new SeededYear(board).SeedAsync();
        var measures = board.Services.GetRequiredService<MeasuresFeature>();

        var q1 = await measures.ComputeAsync(new Quarter(2026, 1), default);
        Assert.Equal(5, q1.Referrals);
        Assert.Equal([("Adult Social Care", 2), ("Housing association", 2), ("Police", 1)], q1.ReferralsByAgency);
        Assert.Equal(1, q1.ReturnedAtTriage);
        Assert.Equal([new DecisionCount(PartnerChoice.MeetingRequired, DecisionMethod.EarlyMajority, 1),
            new DecisionCount(PartnerChoice.MeetingRequired, DecisionMethod.Chair, 1),
            new DecisionCount(PartnerChoice.NoMeeting, DecisionMethod.EarlyMajority, 1)], q1.Decisions);
        Assert.Equal(2, q1.MedianWorkingDaysToDecision);   // A 2, B 2 (from its resubmission), C 11
        Assert.Equal(2, q1.DecidedWithinClock);           // C took 11 working days
        Assert.Equal(10, q1.DecisionClockWorkingDays);
        Assert.Equal(1, q1.MeetingsHeld);
        Assert.Equal((2, 1), (q1.ActionsCompleted, q1.ActionsCompletedOnTime));
        Assert.Equal(1, q1.RepeatReferrals);              // C, about the same person as A
        Assert.Equal(4, q1.OpenAtQuarterEnd);             // B, C, D, E (A closed in April)

        var q2 = await measures.ComputeAsync(new Quarter(2026, 2), default);
        Assert.Equal([("Housing association", 1)], q2.ReferralsByAgency);
        Assert.Equal(1, q2.ReturnedAtTriage);
        Assert.Empty(q2.Decisions);
        Assert.Null(q2.MedianWorkingDaysToDecision);
        Assert.Equal((0, 0, 0), (q2.MeetingsHeld, q2.ActionsCompleted, q2.DecidedWithinClock));
        Assert.Equal(1, q2.RepeatReferrals);              // F, about the same person as B
        Assert.Equal(5, q2.OpenAtQuarterEnd);             // B, C, D, E, F

        var q3 = await measures.ComputeAsync(new Quarter(2026, 3), default);
        Assert.Equal((0, 0, 0, 0), (q3.Referrals, q3.ReturnedAtTriage, q3.DecisionsMade, q3.RepeatReferrals));
        Assert.Equal(5, q3.OpenAtQuarterEnd);

        var q4 = await measures.ComputeAsync(new Quarter(2026, 4), default);
        Assert.Equal([("GP practice", 1)], q4.ReferralsByAgency);
        Assert.Equal([new DecisionCount(PartnerChoice.NoMeeting, DecisionMethod.EarlyMajority, 1)], q4.Decisions);
        Assert.Equal(2, q4.MedianWorkingDaysToDecision);
        Assert.Equal(0, q4.RepeatReferrals);
        Assert.Equal(5, q4.OpenAtQuarterEnd);             // G closed in January

        // The same figures in words, as the card and the export show them.
        var words = MeasureFigures.Of(q1, quarterEnded: true).SelectMany(g => g.Figures).ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("5", words["Referrals received"]);
        Assert.Equal("Adult Social Care 2; Housing association 2; Police 1", words["By referring agency"]);
        Assert.Equal("1", words["Returned to the referrer at triage"]);
        Assert.Equal("1 early majority, 1 chair's casting decision", words["Meeting required"]);
        Assert.Equal("1 early majority", words["No meeting"]);
        Assert.Equal("2", words["Median working days from receipt to decision"]);
        Assert.Equal("2 of 3 (67%)", words["Decided within 10 working days of receipt"]);
        Assert.Equal("1 of 2 (50%)", words["Actions completed on time"]);
        Assert.Equal("1", words["Repeat referrals about the same person"]);
        Assert.Equal("4", words["Cases open at the quarter's end"]);
    }

    [Theory]
    [InlineData("2026-04-01", 2026, 1)]
    [InlineData("2026-06-30", 2026, 1)]
    [InlineData("2026-07-01", 2026, 2)]
    [InlineData("2026-12-31", 2026, 3)]
    [InlineData("2027-01-01", 2026, 4)]
    [InlineData("2027-03-31", 2026, 4)]
    public void Quarters_are_the_financial_years(string day, int year, int number) =>
        Assert.Equal(new Quarter(year, number), Quarter.Of(DateOnly.Parse(day)));

    [Fact]
    public void Quarters_read_and_say_their_keys()
    {
        var q = new Quarter(2026, 4);
        Assert.Equal("2026-27 Q4", q.Key);
        Assert.Equal("Q4 2026-27 (January to March 2027)", q.Words);
        Assert.Equal(q, Quarter.Parse("2026-27 Q4"));
        Assert.Equal(q, Quarter.Parse("2026 q4"));
        Assert.Null(Quarter.Parse("2026-28 Q4"));
        Assert.Null(Quarter.Parse("Q5 2026"));
        Assert.Equal(new Quarter(2026, 3), q.Previous);
        Assert.Equal(new Quarter(2025, 4), new Quarter(2026, 1).Previous);
        Assert.Equal(LondonTime.StartOf(new DateOnly(2027, 4, 1)), q.EndsAt);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two_and_working_days_skip_holidays()
    {
        var received = new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(1));
        MeasuredCase Decided(string reference, int day) => new(reference, "Police", [],
        [
            new(received, global::TeamsSafeguarding.Escalation.Cases.CaseActions.Received, null),
            new(new DateTimeOffset(2026, 4, day, 9, 0, 0, TimeSpan.FromHours(1)), global::TeamsSafeguarding.Escalation.Cases.CaseActions.Decided, "NoMeeting; EarlyMajority; x"),
        ]);
        var m = QuarterlyMeasures.For(new Quarter(2026, 1), [Decided("a", 7), Decided("b", 9)], Calendar, 10);
        Assert.Equal(2, m.MedianWorkingDaysToDecision); // 1 and 3 working days (Good Friday and Easter Monday skipped)
        Assert.Equal(1, QuarterlyMeasures.WorkingDaysBetween(new(2026, 4, 2), new(2026, 4, 7), Calendar));
    }
}
