using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Board;

/// <summary>
/// Configuration section "Board": the Safeguarding Adults Board this bot serves, its people and channels.
/// People are identified by their Entra object id (aadObjectId), or their Teams id where there is none.
/// </summary>
public sealed class BoardOptions
{
    public const string Section = "Board";

    public string Name { get; set; } = "Safeguarding Adults Board";
    /// <summary>Channel where coordinators and the deputy board manager triage (any channel id, General included).</summary>
    public string? CoordinatorsChannelId { get; set; }
    /// <summary>Channel where statutory partners give their views (may be the same channel).</summary>
    public string? PartnersChannelId { get; set; }

    public List<string> Coordinators { get; set; } = [];
    public List<string> DeputyBoardManagers { get; set; } = [];
    public List<string> Chairs { get; set; } = [];
    public List<string> BoardAdmins { get; set; } = [];
    public List<string> Auditors { get; set; } = [];

    /// <summary>
    /// Statutory partners and their members. Empty here on purpose: configuration binding appends to a list, so a
    /// default list would be doubled by the configured one. BoardSetup fills in <see cref="DefaultPartners"/> only
    /// when nothing is configured.
    /// </summary>
    public List<AgencyOptions> Partners { get; set; } = [];

    /// <summary>The statutory partners domain.md names: local authority, police, NHS integrated care board.</summary>
    public static List<AgencyOptions> DefaultPartners() =>
    [
        new() { Id = "la", Name = "Local authority" },
        new() { Id = "police", Name = "Police" },
        new() { Id = "icb", Name = "NHS integrated care board" },
    ];

    /// <summary>
    /// The agencies a referrer picks theirs from (Id, Name); "another agency" is always offered as well. Only these names
    /// reach channel cards. Empty here for the same reason as <see cref="Partners"/>; when nothing is configured the
    /// standard list (<see cref="Escalation.Referrals.ReferringAgencies.Standard"/>) is used.
    /// </summary>
    public List<ReferringAgencyOptions> ReferringAgencies { get; set; } = [];

    /// <summary>The configured referring agencies, or the standard list when none are configured.</summary>
    public Escalation.Referrals.ReferringAgencies ListedReferringAgencies() =>
        ReferringAgencies.Count == 0 ? Escalation.Referrals.ReferringAgencies.Standard
            : new([.. ReferringAgencies.Select(a => new FieldChoice(a.Id, a.Name))]);

    // How the board works (clocks, the decision rule, reminders, drafts, risk bands) is its process profile: section
    // "Board:Process" (ProcessOptions).
}

public sealed class ReferringAgencyOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed class AgencyOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Members { get; set; } = [];
    /// <summary>The agency's representative at senior management review meetings (an email; the coordinator may change it per meeting).</summary>
    public string? MeetingRepresentative { get; set; }
}
