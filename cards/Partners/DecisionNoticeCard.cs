using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>
/// Tells the referrer and the coordinators what the statutory partners decided. No personal data. The coordinators'
/// copy of a "no meeting" decision carries the button to record the agreed response (<paramref name="recordResponseCaseId"/>);
/// once it is recorded the copy is updated in place with <paramref name="status"/> and the button goes.
/// </summary>
public static class DecisionNoticeCard
{
    public static AdaptiveCard Build(string reference, string outcomeWords, string methodWords, string decidedOn, string nextStep,
        string? recordResponseCaseId = null, string? status = null)
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
            Actions = recordResponseCaseId is null ? [] :
            [
                new ExecuteAction
                {
                    Title = "Record the agreed response", Verb = PartnersVerbs.OpenResponse,
                    Data = new JsonObject { ["caseId"] = recordResponseCaseId }, Style = ActionStyle.Positive,
                },
            ],
        };
    }
}
