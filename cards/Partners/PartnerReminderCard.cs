using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>A reminder before a partners' deadline. Reference, deadline and agency names only: no personal data.</summary>
public sealed record PartnerReminderInput(
    string CaseId,
    string Reference,
    string DeadlineName,
    string DueDate,
    IReadOnlyList<string> AgenciesWithoutView,
    string? YourAgency = null);

/// <summary>
/// Two audiences: a member of an agency that has not given its view (<see cref="PartnerReminderInput.YourAgency"/> set),
/// and the coordinators (every deadline). The button opens the clicker's own partners' card, so a member can give
/// the view from their personal chat.
/// </summary>
public static class PartnerReminderCard
{
    public static AdaptiveCard Build(PartnerReminderInput input)
    {
        var lead = input.YourAgency is { } agency
            ? $"{CardText.Plain(agency)} has not yet given its view on this referral."
            : input.AgenciesWithoutView.Count == 0
                ? "Every statutory partner has given its view; the decision is still open."
                : "Some statutory partners have not yet given their view.";
        var facts = new List<Fact>
        {
            new("Deadline", input.DeadlineName),
            new("Due by the end of", input.DueDate),
        };
        if (input.AgenciesWithoutView.Count > 0)
            facts.Add(new("No view yet from", CardText.Plain(string.Join(", ", input.AgenciesWithoutView))));
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = $"Reminder: referral {input.Reference}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new TextBlock { Text = lead },
                new FactSet { Facts = facts },
            ],
            Actions =
            [
                new ExecuteAction
                {
                    Title = input.YourAgency is null ? "Open the partners' card" : "Give your agency's view", Verb = PartnersVerbs.Refresh,
                    Data = new JsonObject { ["caseId"] = input.CaseId },
                },
            ],
        };
    }
}
