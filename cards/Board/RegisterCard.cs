using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Board;

/// <summary>One open case in the register: reference, stage words, and its next deadline with its RAG (if it has one).</summary>
public sealed record RegisterItem(string CaseId, string Reference, string Stage, string? NextDue, RagWord? Rag);

/// <summary>A stage the register can be filtered by (value = the stage's name).</summary>
public sealed record StageChoice(string Title, string Value);

public sealed record RegisterCardInput(
    IReadOnlyList<RegisterItem> Items,
    int Page,
    int Pages,
    int Total,
    IReadOnlyList<StageChoice> Stages,
    string? Stage,
    bool OverdueOnly,
    string AsOf);

/// <summary>
/// The case register for coordinators, the deputy board manager, the chair and auditors: open cases, most urgent first,
/// a page at a time, each row opening the case (row selectAction, so the card keeps to three buttons: Show, Previous and
/// Next). Channel-safe: references, stage words, dates and RAG words only.
/// </summary>
public static class RegisterCard
{
    public const string StageInputId = BoardVerbs.StageKey;
    public const string OverdueInputId = BoardVerbs.OverdueKey;
    public const string AllStages = "all";

    public static AdaptiveCard Build(RegisterCardInput input)
    {
        var body = new List<ICardElement>
        {
            BoardCardParts.Heading("Case register"),
            new TextBlock
            {
                Text = $"{input.Total} open case{(input.Total == 1 ? "" : "s")}{(input.OverdueOnly ? " overdue" : "")}" +
                       $"{(input.Stage is null ? "" : " at this stage")} · page {input.Page} of {input.Pages} · as of {input.AsOf}",
                IsSubtle = true, Spacing = Spacing.None,
            },
            new ChoiceSetInput
            {
                Id = StageInputId, Label = "Stage", Value = input.Stage ?? AllStages,
                Choices = [new Choice("All open stages", AllStages), .. input.Stages.Select(s => new Choice(s.Title, s.Value))],
            },
            new ToggleInput { Id = OverdueInputId, Title = "Overdue only", Value = input.OverdueOnly ? "true" : "false" },
        };
        if (input.Items.Count == 0)
            body.Add(new TextBlock { Text = input.OverdueOnly || input.Stage is not null ? "No open case matches." : "No open cases.", Separator = true });
        foreach (var item in input.Items)
        {
            body.Add(new Container
            {
                Separator = true,
                SelectAction = BoardCardParts.Button($"Open {item.Reference}", BoardVerbs.OpenCase, new JsonObject { [BoardVerbs.CaseIdKey] = item.CaseId }),
                Items =
                [
                    new ColumnSet
                    {
                        Columns =
                        [
                            new Column
                            {
                                Width = ColumnWidth.Stretch,
                                Items =
                                [
                                    new TextBlock { Text = CardText.Plain(item.Reference, maxLength: 40), Weight = TextWeight.Bolder },
                                    new TextBlock { Text = item.Stage, Spacing = Spacing.None, Size = TextSize.Small },
                                    new TextBlock { Text = item.NextDue ?? "No deadline at this stage", Spacing = Spacing.None, Size = TextSize.Small, IsSubtle = true },
                                ],
                            },
                            new Column { Width = ColumnWidth.Pixels(84), Items = item.Rag is { } rag ? [BoardCardParts.Rag(rag)] : [] },
                        ],
                    },
                ],
            });
        }
        var filter = new JsonObject();
        JsonObject Page(int page) => new() { [BoardVerbs.PageKey] = page };
        var actions = new List<ICardAction>
        {
            BoardCardParts.Button("Show", BoardVerbs.ShowRegister, filter, ActionStyle.Positive, AssociatedInputs.Auto),
        };
        if (input.Page > 1) actions.Add(BoardCardParts.Button("Previous page", BoardVerbs.ShowRegister, Page(input.Page - 1), inputs: AssociatedInputs.Auto));
        if (input.Page < input.Pages) actions.Add(BoardCardParts.Button("Next page", BoardVerbs.ShowRegister, Page(input.Page + 1), inputs: AssociatedInputs.Auto));
        return new AdaptiveCard { Body = body, Actions = actions };
    }
}
