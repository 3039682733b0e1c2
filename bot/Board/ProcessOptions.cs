using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Risk;

namespace TeamsSafeguarding.Board;

/// <summary>
/// Configuration section "Board:Process": the board's process profile as configured (see <see cref="ProcessProfile"/>
/// for what each setting means; every one has the reference process's default). Risk bands are either a preset
/// ("NhsDefault" or "GreenAmberRed") or explicit bands, e.g. Board:Process:RiskBands:0:Word=Low, …:From=1, …:To=3,
/// …:Rag=Green; explicit bands win.
/// </summary>
public sealed class ProcessOptions
{
    public const string Section = "Board:Process";

    private static readonly ProcessProfile Defaults = ProcessProfile.Default;

    public BankHolidayRegion CalendarRegion { get; set; } = Defaults.CalendarRegion;
    public List<DateOnly> ExtraClosureDays { get; set; } = [];
    public int ViewsDueWorkingDays { get; set; } = Defaults.ViewsDueWorkingDays;
    public int DecisionDueWorkingDays { get; set; } = Defaults.DecisionDueWorkingDays;
    public int DueSoonWorkingDays { get; set; } = Defaults.DueSoonWorkingDays;
    public bool EarlyDecision { get; set; } = Defaults.EarlyDecision;
    public CastingActor CastingBy { get; set; } = Defaults.CastingBy;
    public int ReminderWorkingDaysBefore { get; set; } = Defaults.ReminderWorkingDaysBefore;
    public TimeOnly ReminderTime { get; set; } = Defaults.ReminderTime;
    public UntriagedForwarding UntriagedForwarding { get; set; } = Defaults.UntriagedForwarding;
    public int DraftRetentionDays { get; set; } = Defaults.DraftRetentionDays;
    public int DraftWarningDays { get; set; } = Defaults.DraftWarningDays;
    public int MeetingSearchWorkingDays { get; set; } = Defaults.MeetingSearchWorkingDays;
    public TimeOnly MeetingDayStart { get; set; } = Defaults.MeetingDayStart;
    public TimeOnly MeetingDayEnd { get; set; } = Defaults.MeetingDayEnd;
    public int MeetingLengthMinutes { get; set; } = Defaults.MeetingLengthMinutes;
    public int ActionReminderWorkingDaysBefore { get; set; } = Defaults.ActionReminderWorkingDaysBefore;
    public TimeOnly FollowUpTime { get; set; } = Defaults.FollowUpTime;
    public int TriageDueWorkingDays { get; set; } = Defaults.TriageDueWorkingDays;
    public TimeOnly DigestTime { get; set; } = Defaults.DigestTime;
    public int ClosedCaseRetentionYears { get; set; } = Defaults.ClosedCaseRetentionYears;
    public string RiskPreset { get; set; } = "NhsDefault";
    public List<RiskBandOption> RiskBands { get; set; } = [];

    /// <exception cref="ArgumentException">The risk bands are not usable (the message says why).</exception>
    public ProcessProfile ToProfile() => new()
    {
        CalendarRegion = CalendarRegion,
        ExtraClosureDays = [.. ExtraClosureDays],
        ViewsDueWorkingDays = ViewsDueWorkingDays,
        DecisionDueWorkingDays = DecisionDueWorkingDays,
        DueSoonWorkingDays = DueSoonWorkingDays,
        EarlyDecision = EarlyDecision,
        CastingBy = CastingBy,
        ReminderWorkingDaysBefore = ReminderWorkingDaysBefore,
        ReminderTime = ReminderTime,
        UntriagedForwarding = UntriagedForwarding,
        DraftRetentionDays = DraftRetentionDays,
        DraftWarningDays = DraftWarningDays,
        MeetingSearchWorkingDays = MeetingSearchWorkingDays,
        MeetingDayStart = MeetingDayStart,
        MeetingDayEnd = MeetingDayEnd,
        MeetingLengthMinutes = MeetingLengthMinutes,
        ActionReminderWorkingDaysBefore = ActionReminderWorkingDaysBefore,
        FollowUpTime = FollowUpTime,
        TriageDueWorkingDays = TriageDueWorkingDays,
        DigestTime = DigestTime,
        ClosedCaseRetentionYears = ClosedCaseRetentionYears,
        RiskBands = RiskBands.Count > 0
            ? RiskBandScheme.Create(RiskBands.Select(b => new RiskBand(b.Word, b.From, b.To, b.Rag)))
            : RiskPreset.Trim().ToLowerInvariant() switch
            {
                "nhsdefault" or "" => RiskBandScheme.NhsDefault,
                "greenamberred" => RiskBandScheme.GreenAmberRed,
                _ => throw new ArgumentException($"Unknown risk band preset '{RiskPreset}'. Use NhsDefault, GreenAmberRed or list RiskBands."),
            },
    };

    /// <summary>Every problem, each naming the configuration key to fix; empty when the profile is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        ProcessProfile profile;
        try
        {
            profile = ToProfile();
        }
        catch (ArgumentException e)
        {
            return [$"{Section}:{(RiskBands.Count > 0 ? nameof(RiskBands) : nameof(RiskPreset))}: {e.Message}"];
        }
        return profile.Problems().Select(p => $"{Section}:{p.Setting} {p.Message}").ToList();
    }
}

public sealed class RiskBandOption
{
    public string Word { get; set; } = "";
    public int From { get; set; }
    public int To { get; set; }
    public RiskRag Rag { get; set; }
}
