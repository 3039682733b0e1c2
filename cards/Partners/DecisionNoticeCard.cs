using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>
/// Tells the referrer and the coordinators what the statutory partners decided. No personal data. The coordinators'
/// copy of a "no meeting" decision carries the button to record the agreed response (<paramref name="recordResponseCaseId"/>);
/// once it is recorded the copy is updated in place with <paramref name="status"/> and the button goes. The copy of a
/// "meeting required" decision carries the button to arrange the review meeting (<paramref name="arrangeMeetingCaseId"/>).
/// </summary>
public static class DecisionNoticeCard
{
    public static AdaptiveCard Build(string reference, string outcomeWords, string methodWords, string decidedOn, string nextStep,
        string? recordResponseCaseId = null, string? status = null, string? arrangeMeetingCaseId = null)
    {
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Referral {reference}: the statutory partners have decided", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet
            {
                Facts =
                [
                    new Fact("Decision", outcomeWords),
                    new Fact("How", methodWords),
                    new Fact("Date", decidedOn),
                    new Fact("Next", nextStep),
                ],
            },
        };
        if (status is not null) body.Add(Notice.Success(status));
        return new AdaptiveCard
        {
            Body = body,
            Actions = (recordResponseCaseId, arrangeMeetingCaseId) switch
            {
                ({ } caseId, _) =>
                [
                    new ExecuteAction
                    {
                        Title = "Record the agreed response", Verb = PartnersVerbs.OpenResponse,
                        Data = new JsonObject { ["caseId"] = caseId }, Style = ActionStyle.Positive,
                    },
                ],
                (null, { } caseId) =>
                [
                    new ExecuteAction
                    {
                        Title = "Arrange the meeting", Verb = Meetings.MeetingVerbs.Arrange,
                        Data = new JsonObject { [Meetings.MeetingVerbs.CaseIdKey] = caseId }, Style = ActionStyle.Positive,
                    },
                ],
                _ => [],
            },
        };
    }
}
