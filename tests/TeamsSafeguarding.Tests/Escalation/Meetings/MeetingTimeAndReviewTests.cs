using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Meetings;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Meetings;

public class MeetingTimeAndReviewTests
{
    private static readonly WorkingDayCalendar Calendar = new(BankHolidayRegion.EnglandAndWales);
    private static readonly DateTimeOffset Now = new(2026, 3, 27, 10, 0, 0, TimeSpan.Zero); // Friday before the clocks go forward

    [Fact]
    public void A_typed_time_is_London_time_on_a_future_working_day()
    {
        var (time, errors) = TypedMeetingTime.Read("2026-03-30", "14:00", "90", Now, Calendar);

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 13, 0, 0, TimeSpan.Zero), time!.Start); // BST from Sunday 29 March
        Assert.Equal(time.Start.AddMinutes(90), time.End);
        Assert.Equal("Monday 30 March 2026, 14:00 to 15:30", time.Words);
    }

    [Theory]
    [InlineData("2026-04-03", "10:00", "60", TypedMeetingTime.Date, "That is not a working day (a weekend, a bank holiday or a closure day).")]
    [InlineData("", "10:00", "60", TypedMeetingTime.Date, "Choose the date of the meeting.")]
    [InlineData("2026-03-27", "09:00", "60", TypedMeetingTime.Start, "That time has passed: choose a time in the future.")]
    [InlineData("2026-03-30", "10:15", "60", TypedMeetingTime.Start, "Choose the start time.")]
    [InlineData("2026-03-30", "10:00", "45", TypedMeetingTime.Length, "Choose how long the meeting lasts.")]
    [InlineData("2027-04-01", "10:00", "60", TypedMeetingTime.Date, "Choose a date within the next year.")]
    public void A_wrong_time_is_refused_next_to_its_field(string date, string start, string length, string field, string message)
    {
        var error = Assert.Single(TypedMeetingTime.Read(date, start, length, Now, Calendar).Errors);
        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Fact]
    public void The_review_decision_needs_an_outcome_and_a_future_date_only_to_keep_monitoring()
    {
        Assert.Equal(new PlanReview(PlanReviewOutcome.Close, null), PlanReviewForm.Read("Close", "2020-01-01", Now).Review);
        Assert.Equal(new PlanReview(PlanReviewOutcome.KeepMonitoring, new DateOnly(2026, 6, 1)), PlanReviewForm.Read("KeepMonitoring", "2026-06-01", Now).Review);
        Assert.Equal("Choose the new review date.", Assert.Single(PlanReviewForm.Read("KeepMonitoring", "", Now).Errors).Message);
        Assert.Equal("The new review date must be in the future.", Assert.Single(PlanReviewForm.Read("KeepMonitoring", "2026-03-27", Now).Errors).Message);
        Assert.Equal("Choose what happens next.", Assert.Single(PlanReviewForm.Read("99", null, Now).Errors).Message);
        Assert.Equal(PlanReviewOutcome.ReEscalate, PlanReviewForm.Read("ReEscalate", null, Now).Review!.Outcome);
    }
}
