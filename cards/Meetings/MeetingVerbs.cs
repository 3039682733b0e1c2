namespace TeamsSafeguarding.Cards.Meetings;

/// <summary>The verbs of the review meeting's buttons (Action.Execute), and the keys of their data.</summary>
public static class MeetingVerbs
{
    public const string Arrange = "meeting.arrange";
    public const string ArrangeStep = "meeting.arrangeStep";
    public const string ArrangeSave = "meeting.arrangeSave";
    public const string ChooseTime = "meeting.chooseTime";
    public const string Book = "meeting.book";
    public const string Manage = "meeting.manage";
    public const string Move = "meeting.move";
    public const string Cancel = "meeting.cancel";
    public const string Answers = "meeting.answers";
    public const string Record = "meeting.record";
    public const string RecordStep = "meeting.recordStep";
    public const string RecordSubmit = "meeting.recordSubmit";
    public const string ViewRecord = "meeting.viewRecord";
    public const string Actions = "meeting.actions";
    public const string MarkDone = "meeting.markDone";
    public const string ActionDone = "meeting.actionDone";
    public const string Review = "meeting.review";
    public const string ReviewSubmit = "meeting.reviewSubmit";

    public const string CaseIdKey = "caseId";
    /// <summary>The page to show (1-based), or for record steps the page moved to.</summary>
    public const string PageKey = "page";
    /// <summary>For reading a record: which review meeting (1 for the first; the latest when absent).</summary>
    public const string CycleKey = "cycle";
    /// <summary>For a record's actions page: which action (1-based).</summary>
    public const string ActionKey = "action";
    /// <summary>Which way a step goes: "next", "back", "add" (another action), or "to" (straight to the page named).</summary>
    public const string GoKey = "go";
}
