namespace TeamsSafeguarding.Cards.Board;

/// <summary>The Action.Execute verbs of the board's own cards (register, case summary, case log, measures).</summary>
public static class BoardVerbs
{
    public const string ShowRegister = "register.show";
    public const string OpenCase = "register.open";
    public const string ShowLog = "register.log";
    public const string ShowMeasures = "measures.show";

    public const string CaseIdKey = "caseId";
    public const string PageKey = "page";
    public const string StageKey = "stage";
    public const string OverdueKey = "overdue";
    public const string QuarterKey = "quarter";
}

/// <summary>A deadline RAG as the board's cards show it: the word, always, on a tint that only helps.</summary>
public enum RagWord { OnTime, DueSoon, Overdue }

internal static class BoardCardParts
{
    public static TextBlock Heading(string text) => new() { Text = text, Weight = TextWeight.Bolder, Size = TextSize.Medium };

    public static ExecuteAction Button(string title, string verb, System.Text.Json.Nodes.JsonObject data, ActionStyle? style = null,
        AssociatedInputs? inputs = AssociatedInputs.None) =>
        new() { Title = title, Verb = verb, Data = data, Style = style, AssociatedInputs = inputs };

    public static string Words(RagWord rag) => rag switch
    {
        RagWord.OnTime => "On time",
        RagWord.DueSoon => "Due soon",
        _ => "Overdue",
    };

    /// <summary>The RAG word on its tint (red overdue, amber due soon, green on time), in default-coloured text.</summary>
    public static Container Rag(RagWord rag) => new()
    {
        Style = rag switch { RagWord.Overdue => ContainerStyle.Attention, RagWord.DueSoon => ContainerStyle.Warning, _ => ContainerStyle.Good },
        Items = [new TextBlock { Text = Words(rag), Size = TextSize.Small, Weight = TextWeight.Bolder }],
    };
}
