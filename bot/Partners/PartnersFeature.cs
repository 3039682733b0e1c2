using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// The statutory partners' card: each person's own view of it (refresh), giving a view for one's agency, and the
/// majority decision; the chair's (or DBM's) casting decision. Each is one case command on the case head and its
/// partners row, so views given at once by several members are applied one after another, none lost.
/// </summary>
public sealed class PartnersFeature(CaseCommands commands, CaseStore cases, BoardDirectory directory, PartnersCards cards,
    DecisionEffects effects, MemberTeamsIds teamsIds, PartnersRoster roster, ILogger<PartnersFeature> log) : IBotFeature
{
    public const string NotFound = "We could not find this referral.";
    public const string NotWithPartners = "This referral has not been sent to the statutory partners.";
    private static readonly string[] Reads = [PartnersRow.Row];

    public void Map(BotRoutes routes)
    {
        // A refresh and "Change my view" only read; a view and a casting decision carry the click's id, so a redelivered
        // one is recognised by the rules themselves and needs no redelivery guard.
        routes.Verb(PartnersVerbs.Refresh, (a, ct) => RefreshAsync(a, changing: false, ct), redeliverySafe: true);
        routes.Verb(PartnersVerbs.ChangeView, (a, ct) => RefreshAsync(a, changing: true, ct), redeliverySafe: true);
        routes.Verb(PartnersVerbs.GiveView, GiveViewAsync, redeliverySafe: true);
        routes.Verb(PartnersVerbs.Cast, CastAsync, redeliverySafe: true);
        // Someone joined or left a team or chat the bot is in: read the partners' channel roster again next time.
        routes.OnConversationEvent((activity, _) =>
        {
            if (activity.MembersAdded is { Count: > 0 } || activity.MembersRemoved is { Count: > 0 }) roster.Forget();
            return Task.CompletedTask;
        });
    }

    /// <summary>The clicker's own card ("Open my view", Teams' automatic refresh); with <paramref name="changing"/> ("Change my view") the form.</summary>
    private async Task<InvokeResponse> RefreshAsync(CardAction action, bool changing, CancellationToken ct)
    {
        teamsIds.Learn(action.Actor.UserKey, action.Actor.TeamsUserId);
        var caseId = action.GetString("caseId");
        if (caseId is null || await cases.ReadAsync(caseId, Reads, ct) is not { } file || Row(file) is not { } row)
            return InvokeResponse.Message("We could not find this referral's partners' card.");
        return InvokeResponse.Card(cards.For(action.Actor.UserKey, file.Case, row, changing: changing).ToJson());
    }

    private Task<InvokeResponse> GiveViewAsync(CardAction action, CancellationToken ct)
    {
        teamsIds.Learn(action.Actor.UserKey, action.Actor.TeamsUserId);
        var typedChoice = action.GetString(PartnersCard.ChoiceId);
        var rationale = action.GetString(PartnersCard.RationaleId) ?? "";
        var requestId = action.Activity.Id ?? Guid.NewGuid().ToString("N");
        var agency = directory.AgencyOf(action.Actor.UserKey);

        return commands.RunAsync(action.GetString("caseId"), directory.ActorFor(action.Actor.UserKey), Reads, (file, writes) =>
        {
            if (agency is null)
                return writes.Refuse("Give view: not a member of a statutory partner agency",
                    InvokeResponse.Message("Only members of the statutory partner agencies can give a view on this referral."));
            if (Row(file) is not { } row) return InvokeResponse.Message(NotWithPartners);

            var record = file.Case;
            var view = new PartnerView(agency.Id, writes.Actor.Key, ParseChoice(typedChoice), rationale, writes.Now, requestId);
            var given = PartnerDecision.GiveView(row.Ledger(cards.Rule), view, row.DecisionDueAt);
            if (!given.Accepted)
            {
                if (row.IsDecided && given.Problems.Any(p => p.Field == FieldError.Form))
                {
                    writes.Log(CaseActions.ViewRefused, "Decision already made");
                    return InvokeResponse.Message(given.Explanation!);
                }
                return InvokeResponse.Card(cards.For(writes.Actor.Key, record, row, FieldError.ByField(given.Problems), typedChoice, rationale).ToJson());
            }
            if (given.Kind is ViewGivenKind.Duplicate or ViewGivenKind.Unchanged)
                return InvokeResponse.Card(cards.For(writes.Actor.Key, record, row).ToJson());
            if (given.Kind == ViewGivenKind.Late)
            {
                // After the decision: recorded and shown as late; the decision, stage and notices stay as they were.
                var withLate = row.With(given.Ledger);
                writes.Log(CaseActions.LateViewGiven, $"{agency.Name}: {view.Choice} (after the decision; not counted)");
                writes.Put(withLate.ToEntity()).Send(cards.Update(record, withLate));
                log.LogInformation("Late partner view recorded");
                return InvokeResponse.Card(cards.For(writes.Actor.Key, record, withLate).ToJson());
            }

            var state = PartnerDecision.Evaluate(given.Ledger, writes.Now, row.DecisionDueAt);
            var next = row.With(given.Ledger).With(state);
            writes.Log(CaseActions.ViewGiven, $"{agency.Name}: {view.Choice}{(given.Kind == ViewGivenKind.Changed ? " (changed)" : "")}");
            if (state.IsDecided)
            {
                var decided = effects.Apply(writes, record, next, state);
                if (decided.IsRefused) return InvokeResponse.Message(decided.Refusal!);
                record = decided.After;
            }
            else writes.Put(next.ToEntity()).Send(cards.Update(record, next));
            log.LogInformation("Partner view recorded ({Kind}); decided: {Decided}", given.Kind, state.IsDecided);
            return InvokeResponse.Card(cards.For(writes.Actor.Key, record, next).ToJson());
        }, () => InvokeResponse.Message(NotFound), ct);
    }

    private Task<InvokeResponse> CastAsync(CardAction action, CancellationToken ct)
    {
        var typedChoice = action.GetString(PartnersCard.ChoiceId);
        var rationale = action.GetString(PartnersCard.CastingRationaleId) ?? "";
        var requestId = action.Activity.Id ?? Guid.NewGuid().ToString("N");

        return commands.RunAsync(action.GetString("caseId"), directory.ActorFor(action.Actor.UserKey), Reads, (file, writes) =>
        {
            if (!cards.MayCast(writes.Actor.Key))
                return writes.Refuse("Casting decision: not the casting role",
                    InvokeResponse.Message($"Only the {cards.CastingByWords} can make the casting decision."));
            if (Row(file) is not { } row) return InvokeResponse.Message(NotWithPartners);

            var record = file.Case;
            var cast = PartnerDecision.Cast(row.Ledger(cards.Rule),
                new CastingDecision(ParseChoice(typedChoice), rationale, cards.Rule.CastingBy, writes.Actor.Key, writes.Now, requestId), row.DecisionDueAt);
            if (!cast.Accepted)
            {
                if (cast.Problems.Any(p => p.Field == FieldError.Form))
                    return InvokeResponse.Message(string.Join(" ", cast.Problems.Select(p => p.Message)));
                return InvokeResponse.Card(cards.For(writes.Actor.Key, record, row, FieldError.ByField(cast.Problems), typedChoice, rationale).ToJson());
            }
            if (row.IsDecided) return InvokeResponse.Card(cards.For(writes.Actor.Key, record, row).ToJson()); // a repeated click

            var next = row.With(cast.Ledger).With(cast.State);
            var decided = effects.Apply(writes, record, next, cast.State);
            if (decided.IsRefused) return InvokeResponse.Message(decided.Refusal!);
            log.LogInformation("Casting decision recorded");
            return InvokeResponse.Card(cards.For(writes.Actor.Key, decided.After, next).ToJson());
        }, () => InvokeResponse.Message(NotFound), ct);
    }

    /// <summary>An unknown choice becomes an undefined value, which the rules refuse with the right words.</summary>
    private static PartnerChoice ParseChoice(string? typed) =>
        Enum.TryParse<PartnerChoice>(typed, out var choice) && Enum.IsDefined(choice) ? choice : (PartnerChoice)(-1);

    private static PartnersRow? Row(CaseFile file) => file.Row(PartnersRow.Row) is { } e ? PartnersRow.FromEntity(e) : null;
}
