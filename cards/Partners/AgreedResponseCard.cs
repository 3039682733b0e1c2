using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Partners;

/// <summary>One further-action row as typed (or pre-filled after a refused try).</summary>
public sealed record FurtherActionInput(string? Description, string? Owner, DateOnly? Due);

/// <summary>
/// The agreed-response form: the rationale fed back to the referrer and up to <see cref="AgreedResponseCard.ActionSlots"/>
/// further actions, each with an owner and a date. Errors are keyed by input id and shown under the field.
/// </summary>
public sealed record AgreedResponseFormInput(
    string CaseId,
    string Reference,
    string DecisionWords,
    string? Rationale = null,
    IReadOnlyList<FurtherActionInput>? Actions = null,
    IReadOnlyDictionary<string, string>? Errors = null,
    DateOnly? Today = null);

/// <summary>
/// Recording the partners' agreed response when no meeting is required (coordinators). The form is an invoke answer
/// for the clicking coordinator only; the recorded confirmation shows no typed text, since it sits in a channel.
/// </summary>
public static class AgreedResponseCard
{
    public const int ActionSlots = 3;
    public const string RationaleId = "responseRationale";
    public static string ActionId(int index, string part) => $"actions[{index}].{part}";

    public static AdaptiveCard Form(AgreedResponseFormInput input)
    {
        var errors = input.Errors ?? new Dictionary<string, string>();
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Referral {input.Reference}: the partners' agreed response", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet { Facts = [new Fact("Decision", input.DecisionWords)] },
            new TextBlock { Text = "The rationale and actions are sent to the referrer in their personal chat.", IsSubtle = true },
        };
        AddError(body, errors, "form");
        body.Add(new TextInput
        {
            Id = RationaleId, Label = "Rationale for the decision", IsMultiline = true, Placeholder = "Up to 2,000 characters", Value = input.Rationale,
        });
        AddError(body, errors, RationaleId);
        for (var i = 0; i < ActionSlots; i++)
        {
            var action = input.Actions is { } actions && i < actions.Count ? actions[i] : null;
            body.Add(new TextInput
            {
                Id = ActionId(i, "description"), Label = $"Further action {i + 1}, if any: what will be done", IsMultiline = true,
                Placeholder = "Up to 300 characters", Value = action?.Description, Separator = true,
            });
            AddError(body, errors, ActionId(i, "description"));
            // Who and when side by side: short answers, and a shorter card on a phone.
            body.Add(new ColumnSet
            {
                Spacing = Spacing.Small,
                Columns =
                [
                    new Column { Width = ColumnWidth.Weight(1), Items = [new TextInput { Id = ActionId(i, "owner"), Label = "Owner (person or agency)", Placeholder = "Up to 100 characters", Value = action?.Owner }, .. Error(errors, ActionId(i, "owner"))] },
                    new Column { Width = ColumnWidth.Weight(1), Items = [new DateInput { Id = ActionId(i, "due"), Label = "By when", Value = action?.Due, Min = input.Today }, .. Error(errors, ActionId(i, "due"))] },
                ],
            });
        }
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new ExecuteAction
                {
                    Title = "Record and feed back", Verb = PartnersVerbs.RecordResponse,
                    Data = new JsonObject { ["caseId"] = input.CaseId }, Style = ActionStyle.Positive,
                },
            ],
        };
    }

    /// <summary>After recording: dates and counts only.</summary>
    public static AdaptiveCard Recorded(string reference, string recordedOn, int actionCount) => new()
    {
        Body =
        [
            new TextBlock { Text = $"Referral {reference}: agreed response recorded", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet
            {
                Facts =
                [
                    new Fact("Recorded", recordedOn),
                    new Fact("Further actions", actionCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Fact("Feedback", "Sent to the referrer"),
                ],
            },
        ],
    };

    private static void AddError(List<ICardElement> body, IReadOnlyDictionary<string, string> errors, string id) => body.AddRange(Error(errors, id));

    private static IEnumerable<ICardElement> Error(IReadOnlyDictionary<string, string> errors, string id) =>
        errors.TryGetValue(id, out var message) ? [Notice.Error(CardText.Plain(message))] : [];
}
