namespace TeamsSafeguarding.Cards.Meetings;

/// <summary>What the coordinators' channel may show about a case's review meeting: words from lists, counts and dates only.</summary>
public sealed record MeetingCardInput(
    string CaseId,
    string Reference,
    string Stage,
    string LeadAgency,
    int Invitees,
    string? MeetingWhen,
    string CalendarWords)
{
    /// <summary>"3 accepted, 1 declined, 2 not yet", once read from the calendar.</summary>
    public string? Answers { get; init; }
    /// <summary>"5 (2 done, 1 overdue)".</summary>
    public string? Actions { get; init; }
    public string? ReviewDate { get; init; }
    /// <summary>Something the coordinators must act on (a calendar refusal naming what an admin must grant), in words.</summary>
    public string? Problem { get; init; }
    public string? Status { get; init; }
    public Uri? JoinUrl { get; init; }
    public Uri? InvitationUrl { get; init; }
    public MeetingCardButtons Buttons { get; init; } = MeetingCardButtons.None;
}

/// <summary>
/// Which buttons the stage calls for (each opens a private answer for whoever clicks, after their role is checked). Their
/// titles are one or two words: three side by side must fit a phone.
/// </summary>
public enum MeetingCardButtons
{
    None,
    /// <summary>Arranging: choose (or find) the time; change the arrangements.</summary>
    ChooseTime,
    /// <summary>Booked: manage it (move, cancel, answers) and record it once held.</summary>
    Booked,
    /// <summary>Held: carry on recording.</summary>
    Recording,
    /// <summary>Actions monitored: the actions and the record.</summary>
    Monitoring,
    /// <summary>Review date reached: record the review.</summary>
    ReviewDue,
}

/// <summary>
/// The case's review meeting in the coordinators' channel, posted once the lead agency is recorded and updated in place at
/// every step after: the stage, lead agency (a list value), when, how the calendar was used, counts of invitees, answers
/// and actions, and the review date. No name, address or typed text: the details are one click away, for those whose
/// role allows.
/// </summary>
public static class MeetingCard
{
    public static AdaptiveCard Build(MeetingCardInput input)
    {
        var facts = new List<Fact>
        {
            new("Stage", input.Stage),
            new("Lead agency", input.LeadAgency),
            new("Meeting", input.MeetingWhen ?? "Time not yet agreed"),
            new("Calendar", input.CalendarWords),
            new("Invitees", input.Invitees.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (input.Answers is { } answers) facts.Add(new("Answers", answers));
        if (input.Actions is { } actions) facts.Add(new("Actions", actions));
        if (input.ReviewDate is { } review) facts.Add(new("Review date", review));
        var body = new List<ICardElement>
        {
            MeetingCardParts.Heading($"Referral {input.Reference}: senior management review"),
            new FactSet { Facts = facts },
        };
        if (input.Problem is { } problem) body.Add(Notice.Warning(problem));
        if (input.Status is { } status) body.Add(Notice.Success(status));

        var data = MeetingCardParts.Data(input.CaseId);
        ExecuteAction Button(string title, string verb, bool primary = false) =>
            new() { Title = title, Verb = verb, Data = data, Style = primary ? ActionStyle.Positive : null };
        var buttons = new List<ICardAction>();
        switch (input.Buttons)
        {
            case MeetingCardButtons.ChooseTime:
                buttons.Add(Button("Choose time", MeetingVerbs.ChooseTime, primary: true));
                buttons.Add(Button("Invitees", MeetingVerbs.Arrange));
                break;
            case MeetingCardButtons.Booked:
                buttons.Add(Button("Record", MeetingVerbs.Record, primary: true));
                buttons.Add(Button("Manage", MeetingVerbs.Manage));
                break;
            case MeetingCardButtons.Recording:
                buttons.Add(Button("Record", MeetingVerbs.Record, primary: true));
                break;
            case MeetingCardButtons.Monitoring:
                buttons.Add(Button("Actions", MeetingVerbs.Actions));
                buttons.Add(Button("Record", MeetingVerbs.ViewRecord));
                break;
            case MeetingCardButtons.ReviewDue:
                buttons.Add(Button("Review", MeetingVerbs.Review, primary: true));
                buttons.Add(Button("Actions", MeetingVerbs.Actions));
                break;
        }
        if (input.JoinUrl is { } join) buttons.Add(new OpenUrlAction { Title = "Join", Url = join });
        else if (input.InvitationUrl is { } file) buttons.Add(new OpenUrlAction { Title = ".ics file", Url = file });
        return new AdaptiveCard { Body = body, Actions = buttons };
    }
}
