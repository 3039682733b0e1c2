using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Partners;

/// <summary>Builds the partners' card from the case head and the partners row: the shared one and each member's own.</summary>
public sealed class PartnersCards(IOptions<BoardOptions> board, BoardDirectory directory, DecisionRule rule, MemberTeamsIds teamsIds, TimeProvider clock)
{
    public const string MessageKey = "partners-card";

    public DecisionRule Rule => rule;

    public PartnersCardInput InputFor(Case record, PartnersRow row)
    {
        var ledger = row.Ledger(Rule);
        var (current, late) = (ledger.Current, ledger.Late);
        var agencies = Rule.Electorate
            .Select(a => current.TryGetValue(a.Id, out var v)
                ? new AgencyViewLine(a.DisplayName, PartnerChoiceWords.Display(v.Choice), v.Rationale)
                : late.TryGetValue(a.Id, out var l)
                    ? new AgencyViewLine(a.DisplayName, PartnerChoiceWords.Display(l.Choice), l.Rationale, Late: true)
                    : new AgencyViewLine(a.DisplayName, null, null))
            .ToList();
        string? decision = row.Outcome is { } outcome
            ? $"Decision: {PartnerChoiceWords.Display(outcome)} ({DecisionMethodWords.Display(row.Method!.Value)}, {DateOf(row.DecidedAt!.Value)})"
            : null;
        var awaitingCasting = decision is null &&
            PartnerDecision.Evaluate(row.Ledger(Rule), clock.GetUtcNow(), row.DecisionDueAt).Status == DecisionStatus.AwaitingCastingDecision;
        return new PartnersCardInput(record.CaseId, record.ReferenceOrId, record.ReferringAgency ?? "Not given",
            record.RiskBand ?? "Not scored", row.NotTriaged, DateOf(row.ViewsDue), DateOf(row.DecisionDue), agencies, decision,
            RefreshUserIds(), awaitingCasting, row.Outcome is not null ? row.Casting?.Rationale : null);
    }

    public AdaptiveCard ReadOnly(Case record, PartnersRow row) => PartnersCard.ReadOnly(InputFor(record, row));

    /// <summary>
    /// The clicker's own card: the chair (or DBM) the casting form when it is needed; members of a partner agency their
    /// agency's part (its view confirmed, or the form while <paramref name="changing"/>, after a refused try, or when it has
    /// none); everyone else the shared card.
    /// </summary>
    public AdaptiveCard For(string userKey, Case record, PartnersRow row, IReadOnlyDictionary<string, string>? errors = null,
        string? typedChoice = null, string? typedRationale = null, bool changing = false)
    {
        var input = InputFor(record, row);
        // The casting form while it is needed; once they have decided, their decided card (with "View referral").
        if (MayCast(userKey) && (input.AwaitingCastingDecision || row.Method == DecisionMethod.Chair))
            return PartnersCard.ForCasting(input, CastingByWords, errors, typedChoice, typedRationale);
        if (board.Value.Partners.FirstOrDefault(a => a.Members.Any(m => string.Equals(m, userKey, StringComparison.OrdinalIgnoreCase))) is not { } agency)
            return PartnersCard.ReadOnly(input);
        var ledger = row.Ledger(Rule);
        var late = !ledger.Current.TryGetValue(agency.Id, out var view) && ledger.Late.TryGetValue(agency.Id, out view);
        return PartnersCard.ForMember(input, new MemberViewInput(agency.Name,
            typedChoice ?? view?.Choice.ToString(), typedRationale ?? view?.Rationale, errors)
        {
            Given = view is not null, GivenLate = late, Changing = changing || errors is not null,
            ChoiceWords = view is null ? null : PartnerChoiceWords.Display(view.Choice),
        });
    }

    /// <summary>Whether the person makes the casting decision: the chair, or the DBM where the board has set that.</summary>
    public bool MayCast(string userKey) => directory.HasAny(userKey,
        Rule.CastingBy == CastingActor.Chair ? BoardRole.Chair : BoardRole.DeputyBoardManager);

    public string CastingByWords => Rule.CastingBy == CastingActor.Chair ? "chair" : "deputy board manager";

    public OutboundMessage FirstPost(string channelId, Case record, PartnersRow row) =>
        new(DeliveryTarget.ToChannel(channelId), Replies.Card(ReadOnly(record, row).ToJson()), MessageKey);

    public OutboundMessage Update(Case record, PartnersRow row) =>
        new(DeliveryTarget.UpdateOf(MessageKey), Replies.Card(ReadOnly(record, row).ToJson()));

    /// <summary>
    /// refresh.userIds takes Teams ids ("29:…") only, at most 60 (teams-bot-protocol.md 4.1): the partner members'
    /// first, then whoever makes the casting decision. A member configured by Entra object id is included once their
    /// Teams id is known (stored personal chat, or any click); until then they refresh by opening the card.
    /// </summary>
    public IReadOnlyList<string> RefreshUserIds()
    {
        var b = board.Value;
        var casting = Rule.CastingBy == CastingActor.Chair ? b.Chairs : b.DeputyBoardManagers;
        return b.Partners.SelectMany(a => a.Members).Concat(casting)
            .Select(teamsIds.Of).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(PartnersCard.MaxRefreshUsers).ToList();
    }

    // The board's dates are London dates: 23:30 UTC in summer is already the next day.
    private static string DateOf(DateOnly date) => DisplayDate.Of(date);
    private static string DateOf(DateTimeOffset instant) => DisplayDate.Of(instant);
}
