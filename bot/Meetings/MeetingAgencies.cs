using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Escalation.Meetings;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// The agencies a review can involve: the statutory partners (Board:Partners) and the board's list of other agencies
/// (Meetings:OtherLeadAgencies, ids made from their names), and each partner's representative for meetings
/// (Board:Partners:n:MeetingRepresentative).
/// </summary>
public sealed class MeetingAgencies(IOptions<BoardOptions> board, IOptions<MeetingsOptions> options)
{
    public IReadOnlyList<LeadAgency> All { get; } =
    [
        .. board.Value.Partners.Select(p => new LeadAgency(p.Id, p.Name, true)),
        .. options.Value.OtherLeadAgencies.Select(name => new LeadAgency(IdOf(name), name.Trim(), false)),
    ];

    public IReadOnlyList<LeadAgency> Partners => [.. All.Where(a => a.IsStatutoryPartner)];

    public string NameOf(string? id) => All.FirstOrDefault(a => a.Id == id)?.Name ?? "Other";

    /// <summary>The partner's representative for review meetings, from the configuration (the coordinator may change it).</summary>
    public string? RepresentativeOf(string agencyId) =>
        board.Value.Partners.FirstOrDefault(p => p.Id == agencyId)?.MeetingRepresentative is { Length: > 0 } email ? email.Trim() : null;

    private static string IdOf(string name) =>
        "other-" + string.Concat(name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
}
