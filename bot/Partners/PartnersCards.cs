using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Partners;

/// <summary>Builds the partners' card from the case head and the partners row: the shared one and each member's own.</summary>
public sealed class PartnersCards(IOptions<BoardOptions> board, BoardDirectory directory, TimeProvider clock)
{
    public const string MessageKey = "partners-card";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public DecisionRule Rule => PartnerRules.From(board.Value);

    public PartnersCardInput InputFor(CaseRecord record, PartnersRow row)
    {
        var current = row.Ledger(Rule).Current;
        var agencies = Rule.Electorate
            .Select(a => current.TryGetValue(a.Id, out var v)
                ? new AgencyViewLine(a.DisplayName, PartnerChoiceWords.Display(v.Choice), v.Rationale)
                : new AgencyViewLine(a.DisplayName, null, null))
            .ToList();
        string? decision = row.Outcome is { } outcome
            ? $"Decision: {PartnerChoiceWords.Display(outcome)} ({DecisionMethodWords.Display(row.Method!.Value)}, {DateOf(row.DecidedAt!.Value)})"
            : null;
        var awaitingCasting = decision is null &&
            PartnerDecision.Evaluate(row.Ledger(Rule), clock.GetUtcNow(), row.DecisionDueAt).Status == DecisionStatus.AwaitingCastingDecision;
        return new PartnersCardInput(record.CaseId, record.Reference ?? record.CaseId, record.ReferringAgency ?? "Not given",
            record.RiskBand ?? "Not scored", row.NotTriaged, DateOf(row.ViewsDue), DateOf(row.DecisionDue), agencies, decision,
            RefreshUserIds(), awaitingCasting);
    }

    public AdaptiveCard ReadOnly(CaseRecord record, PartnersRow row) => PartnersCard.ReadOnly(InputFor(record, row));

    /// <summary>The clicker's own card: members of a partner agency get the choice and button, everyone else the read-only card.</summary>
    public AdaptiveCard For(string userKey, CaseRecord record, PartnersRow row, IReadOnlyDictionary<string, string>? errors = null,
        string? typedChoice = null, string? typedRationale = null)
    {
        var input = InputFor(record, row);
        if (input.AwaitingCastingDecision && MayCast(userKey))
            return PartnersCard.ForCasting(input, CastingByWords, errors, typedChoice, typedRationale);
        if (board.Value.Partners.FirstOrDefault(a => a.Members.Any(m => string.Equals(m, userKey, StringComparison.OrdinalIgnoreCase))) is not { } agency)
            return PartnersCard.ReadOnly(input);
        row.Ledger(Rule).Current.TryGetValue(agency.Id, out var view);
        return PartnersCard.ForMember(input, new MemberViewInput(agency.Name,
            typedChoice ?? view?.Choice.ToString(), typedRationale ?? view?.Rationale, errors));
    }

    /// <summary>Whether the person makes the casting decision: the chair, or the DBM where the board has set that.</summary>
    public bool MayCast(string userKey) => directory.HasAny(userKey,
        Rule.CastingBy == CastingActor.Chair ? BoardRole.Chair : BoardRole.DeputyBoardManager);

    public string CastingByWords => Rule.CastingBy == CastingActor.Chair ? "chair" : "deputy board manager";

    public OutboundMessage FirstPost(string channelId, CaseRecord record, PartnersRow row) =>
        new(DeliveryTarget.ToChannel(channelId), Replies.Card(ReadOnly(record, row).ToJson()), MessageKey);

    public OutboundMessage Update(CaseRecord record, PartnersRow row) =>
        new(DeliveryTarget.UpdateOf(MessageKey), Replies.Card(ReadOnly(record, row).ToJson()));

    /// <summary>
    /// Members whose Teams id is known: configured ids that are Teams ids ("29:…"). Entra object ids cannot be
    /// used for refresh, so those members refresh by opening the card (manual refresh).
    /// </summary>
    private IReadOnlyList<string> RefreshUserIds() =>
        board.Value.Partners.SelectMany(a => a.Members).Where(m => m.StartsWith("29:", StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(PartnersCard.MaxRefreshUsers).ToList();

    private static string DateOf(DateOnly date) => date.ToString("d MMMM yyyy", English);
    private static string DateOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("d MMMM yyyy", English);
}
