using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// The statutory partners' card: each person's own view of it (refresh), giving a view for one's agency, and the
/// majority decision. Views from several members at once are serialised by the partners row's ETag (re-read, retry).
/// </summary>
public sealed class PartnersFeature(CaseStore cases, BoardDirectory directory, PartnersCards cards, DecisionEffects effects,
    MemberTeamsIds teamsIds, TimeProvider clock, ILogger<PartnersFeature> log) : IBotFeature
{
    public const int MaxAttempts = 10;

    public void Map(BotRoutes routes)
    {
        routes.Verb(PartnersVerbs.Refresh, RefreshAsync);
        routes.Verb(PartnersVerbs.GiveView, GiveViewAsync);
        routes.Verb(PartnersVerbs.Cast, CastAsync);
    }

    private async Task<InvokeResponse> RefreshAsync(CardAction action, CancellationToken ct)
    {
        teamsIds.Learn(action.Actor.UserKey, action.Actor.TeamsUserId);
        var caseId = action.GetString("caseId");
        if (caseId is null || await cases.GetAsync(caseId, ct) is not { } record || await ReadRowAsync(caseId, ct) is not { } row)
            return InvokeResponse.Message("We could not find this referral's partners' card.");
        return InvokeResponse.Card(cards.For(action.Actor.UserKey, record, row).ToJson());
    }

    private async Task<InvokeResponse> GiveViewAsync(CardAction action, CancellationToken ct)
    {
        teamsIds.Learn(action.Actor.UserKey, action.Actor.TeamsUserId);
        var caseId = action.GetString("caseId");
        if (caseId is null || await cases.GetAsync(caseId, ct) is null)
            return InvokeResponse.Message("We could not find this referral.");
        var actor = action.Actor;
        if (directory.AgencyOf(actor.UserKey) is not { } agency)
        {
            await LogOnlyAsync(caseId, actor.UserKey, null, CaseActions.AccessRefused, "Give view: not a member of a statutory partner agency", ct);
            log.LogInformation("Partner view refused: not a partner member");
            return InvokeResponse.Message("Only members of the statutory partner agencies can give a view on this referral.");
        }
        var typedChoice = action.GetString(PartnersCard.ChoiceId);
        var rationale = action.GetString(PartnersCard.RationaleId) ?? "";
        var choice = ParseChoice(typedChoice);
        var requestId = action.Activity.Id ?? Guid.NewGuid().ToString("N");
        var rule = cards.Rule;

        for (var attempt = 1; ; attempt++)
        {
            var record = await cases.GetAsync(caseId, ct);
            var row = await ReadRowAsync(caseId, ct);
            if (record is null || row is null)
                return InvokeResponse.Message("This referral has not been sent to the statutory partners.");

            var now = clock.GetUtcNow();
            var view = new PartnerView(agency.Id, actor.UserKey, choice, rationale, now, requestId);
            var given = PartnerDecision.GiveView(row.Ledger(rule), view, row.DecisionDueAt);
            if (!given.Accepted)
            {
                if (row.IsDecided)
                {
                    await LogOnlyAsync(caseId, actor.UserKey, agency.Name, CaseActions.ViewRefused, "Decision already made", ct);
                    return InvokeResponse.Message(given.Explanation!);
                }
                var errors = FieldError.ByField(given.Problems);
                return InvokeResponse.Card(cards.For(actor.UserKey, record, row, errors, typedChoice, rationale).ToJson());
            }
            if (given.Kind is ViewGivenKind.Duplicate or ViewGivenKind.Unchanged)
                return InvokeResponse.Card(cards.For(actor.UserKey, record, row).ToJson());

            var state = PartnerDecision.Evaluate(given.Ledger, now, row.DecisionDueAt);
            var next = row with
            {
                Views = given.Ledger.History,
                Outcome = state.IsDecided ? state.Outcome : null,
                Method = state.IsDecided ? state.Method : null,
                DecidedAt = state.IsDecided ? state.DecidedAt : null,
            };
            var tx = cases.Begin(caseId);
            tx.Replace(next.ToEntity(), row.ETag);
            var role = directory.MainRoleOf(actor.UserKey);
            tx.Add(new CaseLogEntry(now, actor.UserKey, role, agency.Name, CaseActions.ViewGiven,
                $"{agency.Name}: {choice}{(given.Kind == ViewGivenKind.Changed ? " (changed)" : "")}").ToEntity(caseId));
            var nextRecord = record;
            if (state.IsDecided) nextRecord = effects.Apply(tx, record, next, state, now, actor.UserKey, role, agency.Name);
            else tx.Send(cards.Update(record, next));
            if (!await CommittedAsync(tx, attempt, ct)) continue;
            log.LogInformation("Partner view recorded ({Kind}); decided: {Decided}", given.Kind, state.IsDecided);
            return InvokeResponse.Card(cards.For(actor.UserKey, nextRecord, next with { ETag = default }).ToJson());
        }
    }

    private async Task<InvokeResponse> CastAsync(CardAction action, CancellationToken ct)
    {
        var caseId = action.GetString("caseId");
        if (caseId is null || await cases.GetAsync(caseId, ct) is null)
            return InvokeResponse.Message("We could not find this referral.");
        var actor = action.Actor;
        if (!cards.MayCast(actor.UserKey))
        {
            await LogOnlyAsync(caseId, actor.UserKey, null, CaseActions.AccessRefused, "Casting decision: not the casting role", ct);
            log.LogInformation("Casting decision refused for lack of role");
            return InvokeResponse.Message($"Only the {cards.CastingByWords} can make the casting decision.");
        }
        var typedChoice = action.GetString(PartnersCard.ChoiceId);
        var rationale = action.GetString(PartnersCard.CastingRationaleId) ?? "";
        var choice = ParseChoice(typedChoice);
        var requestId = action.Activity.Id ?? Guid.NewGuid().ToString("N");
        var rule = cards.Rule;

        for (var attempt = 1; ; attempt++)
        {
            var record = await cases.GetAsync(caseId, ct);
            var row = await ReadRowAsync(caseId, ct);
            if (record is null || row is null)
                return InvokeResponse.Message("This referral has not been sent to the statutory partners.");
            var now = clock.GetUtcNow();
            var cast = PartnerDecision.Cast(row.Ledger(rule),
                new CastingDecision(choice, rationale, rule.CastingBy, actor.UserKey, now, requestId), row.DecisionDueAt);
            if (!cast.Accepted)
            {
                if (cast.Problems.Any(p => p.Field == FieldError.Form))
                    return InvokeResponse.Message(string.Join(" ", cast.Problems.Select(p => p.Message)));
                var errors = FieldError.ByField(cast.Problems);
                return InvokeResponse.Card(cards.For(actor.UserKey, record, row, errors, typedChoice, rationale).ToJson());
            }
            if (row.IsDecided) return InvokeResponse.Card(cards.For(actor.UserKey, record, row).ToJson()); // a repeated click

            var state = cast.State;
            var next = row with { Casting = cast.Ledger.Casting, Outcome = state.Outcome, Method = state.Method, DecidedAt = state.DecidedAt };
            var tx = cases.Begin(caseId);
            tx.Replace(next.ToEntity(), row.ETag);
            var nextRecord = effects.Apply(tx, record, next, state, now, actor.UserKey, directory.MainRoleOf(actor.UserKey), null);
            if (!await CommittedAsync(tx, attempt, ct)) continue;
            log.LogInformation("Casting decision recorded");
            return InvokeResponse.Card(cards.For(actor.UserKey, nextRecord, next).ToJson());
        }
    }

    /// <summary>
    /// True when committed. False when someone else's view (or a stage change) landed first: after a short wait
    /// the caller re-reads and applies its change on top. The last attempt lets the conflict surface.
    /// </summary>
    private static async Task<bool> CommittedAsync(Storage.PartitionTransaction tx, int attempt, CancellationToken ct)
    {
        try
        {
            await tx.CommitAsync(ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409 && attempt < MaxAttempts)
        {
            await Task.Delay(Random.Shared.Next(5, 30) * attempt, ct);
            return false;
        }
    }

    /// <summary>An unknown choice becomes an undefined value, which the rules refuse with the right words.</summary>
    private static PartnerChoice ParseChoice(string? typed) =>
        Enum.TryParse<PartnerChoice>(typed, out var choice) && Enum.IsDefined(choice) ? choice : (PartnerChoice)(-1);

    private async Task<PartnersRow?> ReadRowAsync(string caseId, CancellationToken ct) =>
        await cases.GetRowAsync(caseId, PartnersRow.Row, ct) is { } e ? PartnersRow.FromEntity(e) : null;

    private async Task LogOnlyAsync(string caseId, string userKey, string? agency, string action, string detail, CancellationToken ct)
    {
        var tx = cases.Begin(caseId);
        tx.Add(new CaseLogEntry(clock.GetUtcNow(), userKey, directory.MainRoleOf(userKey), agency, action, detail).ToEntity(caseId));
        await tx.CommitAsync(ct);
    }
}
