using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Risk;

namespace TeamsSafeguarding.Escalation.Process;

/// <summary>When a coordinator may send a referral to the statutory partners without triage.</summary>
public enum UntriagedForwarding
{
    /// <summary>Never: every referral is triaged by the deputy board manager.</summary>
    Never,
    /// <summary>Only while the deputy board manager is absent (domain.md section 2).</summary>
    WhenDeputyAbsent,
    /// <summary>At any time (a coordinator judges that the deputy board manager is absent; nothing is recorded).</summary>
    Always,
}

/// <summary>
/// The board's process profile (domain.md section 3: "a SAB may regulate its own procedure"): its calendar, its
/// clocks, how the partners decide and who decides without a majority, when people are reminded, when referrals may
/// skip triage, how long drafts are kept, and its risk bands. The defaults are the reference process of domain.md
/// section 2. Pure data: binding and start-up validation live with the board's configuration.
/// </summary>
public sealed record ProcessProfile
{
    public static ProcessProfile Default { get; } = new();

    public BankHolidayRegion CalendarRegion { get; init; } = BankHolidayRegion.EnglandAndWales;
    public IReadOnlyList<DateOnly> ExtraClosureDays { get; init; } = [];

    /// <summary>Partners' views are due by the end of this working day after the referral is sent.</summary>
    public int ViewsDueWorkingDays { get; init; } = 5;
    /// <summary>The partners' decision is due by the end of this working day after the referral is sent.</summary>
    public int DecisionDueWorkingDays { get; init; } = 10;
    /// <summary>A deadline shows "Due soon" from this many working days before its due date.</summary>
    public int DueSoonWorkingDays { get; init; } = 1;

    /// <summary>Decide as soon as an absolute majority of the partners agrees.</summary>
    public bool EarlyDecision { get; init; } = true;
    /// <summary>Who decides when the partners reach no majority by the decision deadline.</summary>
    public CastingActor CastingBy { get; init; } = CastingActor.Chair;

    /// <summary>Reminders go this many working days before each deadline (0 = the morning of the due day)...</summary>
    public int ReminderWorkingDaysBefore { get; init; } = 1;
    /// <summary>...at this London time.</summary>
    public TimeOnly ReminderTime { get; init; } = new(9, 0);

    /// <summary>The procedure: only while the deputy board manager is recorded as away (their own "I'm away", or a coordinator's cover period).</summary>
    public UntriagedForwarding UntriagedForwarding { get; init; } = UntriagedForwarding.WhenDeputyAbsent;

    /// <summary>Drafts untouched this many days are deleted; their owner is warned DraftWarningDays before.</summary>
    public int DraftRetentionDays { get; init; } = 30;
    public int DraftWarningDays { get; init; } = 5;

    public RiskBandScheme RiskBands { get; init; } = RiskBandScheme.NhsDefault;

    /// <summary>The review meeting's free times are looked for over this many working days, from the next working day.</summary>
    public int MeetingSearchWorkingDays { get; init; } = 10;
    /// <summary>Meetings are offered between these London times on working days...</summary>
    public TimeOnly MeetingDayStart { get; init; } = new(9, 30);
    public TimeOnly MeetingDayEnd { get; init; } = new(16, 30);
    /// <summary>...and last this long.</summary>
    public int MeetingLengthMinutes { get; init; } = 90;
    /// <summary>An action's owner is reminded this many working days before it is due (0 = the morning of the due day).</summary>
    public int ActionReminderWorkingDaysBefore { get; init; } = 2;
    /// <summary>The London time action reminders, overdue flags (the working day after the due date) and the review-date question go out.</summary>
    public TimeOnly FollowUpTime { get; init; } = new(9, 0);

    /// <summary>A referral waiting this many working days after receipt for triage is listed as overdue in the digest.
    /// Default 2: triage is a desk check of five items, and the partners' own clock then takes ten working days.</summary>
    public int TriageDueWorkingDays { get; init; } = 2;

    /// <summary>The coordinators' deadline digest is posted each working day at this London time.</summary>
    public TimeOnly DigestTime { get; init; } = new(9, 0);

    /// <summary>
    /// Closed cases are deleted this many years after closure unless a legal hold is on them. Default 6: there is no
    /// statutory period, and councils' retention schedules keep adult social care case records 6 to 8 years after
    /// closure or last contact (domain.md section 6), so the shortest common period is the default and a board that
    /// follows a longer schedule raises it.
    /// </summary>
    public int ClosedCaseRetentionYears { get; init; } = 6;

    /// <summary>The stages a case may move between under this profile.</summary>
    public StageTable Stages => StageTable.For(this);

    public WorkingDayCalendar Calendar() => new(CalendarRegion, ExtraClosureDays);

    /// <summary>When a case closed at <paramref name="closedAt"/> is due for deletion (unless a legal hold is on it).</summary>
    public DateTimeOffset RetainUntil(DateTimeOffset closedAt) => closedAt.AddYears(ClosedCaseRetentionYears);

    public WorkingDayDeadlines PartnerDeadlines(DateTimeOffset sentAt, WorkingDayCalendar calendar) =>
        WorkingDayDeadlines.FromSent(sentAt, calendar, ViewsDueWorkingDays, DecisionDueWorkingDays);

    /// <summary>What is wrong with the profile, each naming its setting; empty when usable.</summary>
    public IReadOnlyList<ProfileProblem> Problems()
    {
        var problems = new List<ProfileProblem>();
        void Range(string setting, int value, int min, int max)
        {
            if (value < min || value > max) problems.Add(new(setting, $"must be between {min} and {max} (it is {value})."));
        }
        if (!Enum.IsDefined(CalendarRegion)) problems.Add(new(nameof(CalendarRegion), "must be EnglandAndWales, Scotland or NorthernIreland."));
        Range(nameof(ViewsDueWorkingDays), ViewsDueWorkingDays, 1, 60);
        Range(nameof(DecisionDueWorkingDays), DecisionDueWorkingDays, 1, 60);
        if (ViewsDueWorkingDays > DecisionDueWorkingDays)
            problems.Add(new(nameof(ViewsDueWorkingDays), $"must not be later than DecisionDueWorkingDays ({ViewsDueWorkingDays} > {DecisionDueWorkingDays})."));
        Range(nameof(DueSoonWorkingDays), DueSoonWorkingDays, 0, 20);
        if (!Enum.IsDefined(CastingBy)) problems.Add(new(nameof(CastingBy), "must be Chair or DeputyBoardManager."));
        Range(nameof(ReminderWorkingDaysBefore), ReminderWorkingDaysBefore, 0, 20);
        if (ReminderWorkingDaysBefore > 0 && ReminderWorkingDaysBefore >= ViewsDueWorkingDays)
            problems.Add(new(nameof(ReminderWorkingDaysBefore), $"must be fewer than ViewsDueWorkingDays ({ViewsDueWorkingDays}), or the reminder would come before the referral is sent."));
        if (!Enum.IsDefined(UntriagedForwarding)) problems.Add(new(nameof(UntriagedForwarding), "must be Never, WhenDeputyAbsent or Always."));
        Range(nameof(DraftRetentionDays), DraftRetentionDays, 1, 365);
        Range(nameof(DraftWarningDays), DraftWarningDays, 1, 60);
        if (DraftWarningDays >= DraftRetentionDays)
            problems.Add(new(nameof(DraftWarningDays), $"must be fewer than DraftRetentionDays ({DraftWarningDays} >= {DraftRetentionDays})."));
        // Graph's free/busy look-up takes windows shorter than 62 days: 40 working days stay well inside.
        Range(nameof(MeetingSearchWorkingDays), MeetingSearchWorkingDays, 1, 40);
        Range(nameof(MeetingLengthMinutes), MeetingLengthMinutes, 30, 480);
        if (MeetingLengthMinutes % 15 != 0) problems.Add(new(nameof(MeetingLengthMinutes), $"must be a whole number of quarter hours (it is {MeetingLengthMinutes})."));
        if (MeetingDayEnd <= MeetingDayStart || MeetingDayEnd - MeetingDayStart < TimeSpan.FromMinutes(MeetingLengthMinutes))
            problems.Add(new(nameof(MeetingDayEnd), $"must leave room for a {MeetingLengthMinutes}-minute meeting after MeetingDayStart ({MeetingDayStart:HH:mm} to {MeetingDayEnd:HH:mm})."));
        Range(nameof(ActionReminderWorkingDaysBefore), ActionReminderWorkingDaysBefore, 0, 20);
        Range(nameof(TriageDueWorkingDays), TriageDueWorkingDays, 1, 20);
        Range(nameof(ClosedCaseRetentionYears), ClosedCaseRetentionYears, 1, 25);
        return problems;
    }
}

/// <summary>One problem with a profile setting, in words a board's IT team can act on.</summary>
public sealed record ProfileProblem(string Setting, string Message);
