using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Digest;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Register;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Register;

/// <summary>The register's facts, deadlines and RAG from a case head, the page order and filters, the digest and its time.</summary>
public class RegisterEntryTests
{
    private static readonly WorkingDayCalendar Calendar = new(BankHolidayRegion.EnglandAndWales);
    private static readonly ProcessProfile Profile = ProcessProfile.Default;

    // Thursday 2 April 2026, 10:00 London (BST): WD 5 is Monday 13 April and WD 10 Monday 20 April (domain.md section 4).
    private static readonly DateTimeOffset Sent = new(2026, 4, 2, 10, 0, 0, TimeSpan.FromHours(1));

    private static Case At(CaseStage stage, DateTimeOffset since, string reference = "SAB-2026-0001", DateTimeOffset? received = null) => new()
    {
        CaseId = Guid.NewGuid().ToString("N"), Reference = reference, Stage = stage, ReferrerKey = "r", ReferringAgency = "Housing",
        CreatedAt = since, UpdatedAt = since, StageSince = since, ReceivedAt = received ?? since, RiskBand = "High",
    };

    [Fact]
    public void A_case_with_the_partners_has_their_two_working_day_deadlines_and_its_rag_follows_the_next_one()
    {
        var entry = RegisterEntry.Of(At(CaseStage.WithPartners, Sent), Profile, Calendar)!;

        Assert.Equal([new CaseDeadline(DeadlineKind.PartnersViews, new(2026, 4, 13)), new CaseDeadline(DeadlineKind.PartnersDecision, new(2026, 4, 20))],
            entry.Deadlines);
        DateTimeOffset London(int month, int day) => new(2026, month, day, 12, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(DeadlineKind.PartnersViews, entry.NextDeadline(new(2026, 4, 9))!.Kind);
        Assert.Equal(DeadlineRag.OnTime, entry.RagAt(London(4, 9), Calendar, 1));
        Assert.Equal(DeadlineRag.DueSoon, entry.RagAt(London(4, 10), Calendar, 1)); // Friday: the working day before Monday 13th
        // The views date passed: the decision is what the case works to now.
        Assert.Equal(DeadlineKind.PartnersDecision, entry.NextDeadline(new(2026, 4, 14))!.Kind);
        Assert.Equal(DeadlineRag.OnTime, entry.RagAt(London(4, 14), Calendar, 1));
        Assert.Equal(DeadlineRag.Overdue, entry.RagAt(London(4, 21), Calendar, 1));
        Assert.Equal(DeadlineKind.PartnersDecision, entry.NextDeadline(new(2026, 4, 21))!.Kind);
    }

    [Fact]
    public void A_received_referral_is_due_for_triage_after_the_profiles_working_days_and_drafts_are_not_registered()
    {
        var received = At(CaseStage.Received, Sent);
        Assert.Equal([new CaseDeadline(DeadlineKind.Triage, new(2026, 4, 8))], RegisterEntry.Of(received, Profile, Calendar)!.Deadlines); // Easter in between
        Assert.Equal(new DateOnly(2026, 4, 13), RegisterEntry.Of(received, Profile with { TriageDueWorkingDays = 5 }, Calendar)!.Deadlines[0].Due);
        Assert.Null(RegisterEntry.Of(received with { Stage = CaseStage.Draft, Reference = null }, Profile, Calendar));
        Assert.Empty(RegisterEntry.Of(received with { Stage = CaseStage.Returned }, Profile, Calendar)!.Deadlines);
        Assert.False(RegisterEntry.Of(received with { Stage = CaseStage.Closed }, Profile, Calendar)!.IsOpen);
    }

    [Fact]
    public void A_register_page_puts_the_overdue_first_then_by_due_date_and_filters_by_stage_and_overdue()
    {
        var now = new DateTimeOffset(2026, 4, 14, 12, 0, 0, TimeSpan.FromHours(1)); // Tuesday 14 April
        var entries = new[]
        {
            At(CaseStage.WithPartners, Sent, "SAB-2026-0001"),                                         // decision due 20 April: on time
            At(CaseStage.Received, new(2026, 4, 8, 9, 0, 0, TimeSpan.FromHours(1)), "SAB-2026-0002"),  // triage due 10 April: overdue
            At(CaseStage.Received, new(2026, 4, 13, 9, 0, 0, TimeSpan.FromHours(1)), "SAB-2026-0003"), // triage due 15 April: due soon
            At(CaseStage.MeetingRequired, Sent, "SAB-2026-0004"),                                      // no deadline
            At(CaseStage.Closed, Sent, "SAB-2026-0005"),                                               // not listed
        }.Select(c => RegisterEntry.Of(c, Profile, Calendar)!).ToList();

        var all = RegisterPage.Of(entries, new RegisterFilter(), now, Calendar, 1);
        Assert.Equal(["SAB-2026-0002", "SAB-2026-0003", "SAB-2026-0001", "SAB-2026-0004"], all.Rows.Select(r => r.Entry.Reference));
        Assert.Equal([DeadlineRag.Overdue, DeadlineRag.DueSoon, DeadlineRag.OnTime, null], all.Rows.Select(r => r.Rag));
        Assert.Equal((1, 1, 4), (all.Page, all.Pages, all.Total));

        Assert.Equal(["SAB-2026-0002"], RegisterPage.Of(entries, new RegisterFilter(OverdueOnly: true), now, Calendar, 1).Rows.Select(r => r.Entry.Reference));
        Assert.Equal(["SAB-2026-0002", "SAB-2026-0003"],
            RegisterPage.Of(entries, new RegisterFilter(CaseStage.Received), now, Calendar, 1).Rows.Select(r => r.Entry.Reference));

        var many = Enumerable.Range(1, 20).Select(i => RegisterEntry.Of(At(CaseStage.WithPartners, Sent, $"SAB-2026-{i:0000}"), Profile, Calendar)!).ToList();
        var third = RegisterPage.Of(many, new RegisterFilter(Page: 9), now, Calendar, 1);
        Assert.Equal((3, 3, 20), (third.Page, third.Pages, third.Total)); // a page past the end shows the last
        Assert.Equal(20 - 2 * RegisterPage.Size, third.Rows.Count);
    }

    [Fact]
    public void The_digest_groups_what_is_due_and_lists_nothing_when_nothing_is_due()
    {
        var today = new DateTimeOffset(2026, 4, 13, 9, 0, 0, TimeSpan.FromHours(1)); // Monday 13 April, WD 5 of the case sent on the 2nd
        var entries = new[]
        {
            At(CaseStage.WithPartners, Sent, "SAB-2026-0001"),                                             // views due today
            At(CaseStage.WithPartners, new(2026, 3, 25, 10, 0, 0, TimeSpan.Zero), "SAB-2026-0002"),        // decision due 10 April: overdue
            At(CaseStage.Received, new(2026, 4, 8, 10, 0, 0, TimeSpan.FromHours(1)), "SAB-2026-0003"),     // triage due 10 April: waiting too long
            At(CaseStage.Received, new(2026, 4, 10, 10, 0, 0, TimeSpan.FromHours(1)), "SAB-2026-0004"),    // triage due 14 April: due soon
            At(CaseStage.Arranging, Sent, "SAB-2026-0005"),                                                // meeting not booked
            At(CaseStage.ReviewDue, new(2026, 4, 12, 9, 0, 0, TimeSpan.FromHours(1)), "SAB-2026-0006"),   // review due
            At(CaseStage.Closed, Sent, "SAB-2026-0007"),
        }.Select(c => RegisterEntry.Of(c, Profile, Calendar)!).ToList();

        var digest = DeadlineDigest.For(entries, today, Calendar, 1);

        string[] Refs(DigestSection s) => [.. digest[s].Select(i => i.Reference)];
        Assert.Equal(["SAB-2026-0002"], Refs(DigestSection.Overdue));
        Assert.Equal(DeadlineKind.PartnersDecision, digest[DigestSection.Overdue][0].Kind);
        Assert.Equal(["SAB-2026-0001"], Refs(DigestSection.DueToday));
        Assert.Equal("Partners' views due", digest[DigestSection.DueToday][0].What);
        Assert.Equal(["SAB-2026-0004"], Refs(DigestSection.DueSoon));
        Assert.Equal(["SAB-2026-0003"], Refs(DigestSection.WaitingForTriage));
        Assert.Equal(["SAB-2026-0005"], Refs(DigestSection.MeetingsNotBooked));
        Assert.Equal(["SAB-2026-0006"], Refs(DigestSection.ReviewsDue));
        Assert.Empty(Refs(DigestSection.ActionsOverdue));
        Assert.False(digest.IsEmpty);

        // A day with nothing due: only cases whose deadlines are far off.
        Assert.True(DeadlineDigest.For([entries[0]], new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.FromHours(1)), Calendar, 1).IsEmpty);
        Assert.True(DeadlineDigest.For([], today, Calendar, 1).IsEmpty);
    }

    [Theory]
    // Friday 3 April 2026 is Good Friday and Monday 6 April Easter Monday: after Thursday's digest the next is Tuesday 7 April.
    [InlineData("2026-04-02T09:00:00+01:00", "2026-04-07T09:00:00+01:00")]
    [InlineData("2026-04-02T08:59:00+01:00", "2026-04-02T09:00:00+01:00")]
    // GMT in winter: 09:00 London is 09:00 UTC; a Saturday goes to Monday.
    [InlineData("2026-01-10T12:00:00+00:00", "2026-01-12T09:00:00+00:00")]
    // The clocks go forward on Sunday 29 March 2026: Monday's digest is 08:00 UTC.
    [InlineData("2026-03-27T10:00:00+00:00", "2026-03-30T08:00:00+00:00")]
    public void The_digest_is_posted_at_nine_London_time_on_the_next_working_day(string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), DigestSchedule.Next(DateTimeOffset.Parse(after), new TimeOnly(9, 0), Calendar));
}
