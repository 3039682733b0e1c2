using System.Globalization;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Meetings;

/// <summary>What the coordinators decide on the review date (issue 10, item 7).</summary>
public enum PlanReviewOutcome
{
    /// <summary>The plan is working: the case closes.</summary>
    Close,
    /// <summary>The plan is working: monitoring goes on to a new review date.</summary>
    KeepMonitoring,
    /// <summary>The plan is not working: back to a senior management review meeting.</summary>
    FurtherReview,
    /// <summary>The plan is not working: the case goes back to the statutory partners.</summary>
    ReEscalate,
}

public sealed record PlanReview(PlanReviewOutcome Outcome, DateOnly? NextReview);

/// <summary>The review decision as typed: an outcome, and a new review date when monitoring goes on.</summary>
public static class PlanReviewForm
{
    public const string Outcome = "review.outcome";
    public const string NextReview = "review.nextDate";

    public static string Words(PlanReviewOutcome outcome) => outcome switch
    {
        PlanReviewOutcome.Close => "The plan is working: close the case",
        PlanReviewOutcome.KeepMonitoring => "The plan is working: keep monitoring to a new date",
        PlanReviewOutcome.FurtherReview => "Not working: a further senior review meeting",
        PlanReviewOutcome.ReEscalate => "Not working: re-escalate to the statutory partners",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown review outcome."),
    };

    public static (PlanReview? Review, IReadOnlyList<FieldError> Errors) Read(string? outcome, string? nextReview, DateTimeOffset now)
    {
        if (!Enum.TryParse<PlanReviewOutcome>(outcome, out var chosen) || !Enum.IsDefined(chosen))
            return (null, [new(Outcome, "Choose what happens next.")]);
        if (chosen != PlanReviewOutcome.KeepMonitoring) return (new PlanReview(chosen, null), []);
        var today = LondonTime.DayOf(now);
        if (!DateOnly.TryParseExact(nextReview?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (null, [new(NextReview, "Choose the new review date.")]);
        if (date <= today) return (null, [new(NextReview, "The new review date must be in the future.")]);
        if (date > today.AddYears(1)) return (null, [new(NextReview, "Choose a review date within the next year.")]);
        return (new PlanReview(chosen, date), []);
    }
}
