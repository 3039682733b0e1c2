using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Board;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Measures;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Measures;

/// <summary>
/// "measures" (or "measures 2026-27 Q1"): the board's quarterly measures as a card with a chart, for coordinators, the
/// deputy board manager, the chair and auditors, in a personal chat or the coordinators' channel. Figures only: counts,
/// agency names and a median, computed from the case logs by <see cref="QuarterlyMeasures"/>.
/// </summary>
public sealed class MeasuresFeature(CaseHistories histories, MeasuresChart chart, BoardReaders readers, ProcessProfile profile, WorkingDayCalendar calendar,
    Replies replies, TimeProvider clock, ILogger<MeasuresFeature> log) : IBotFeature
{
    public const string Phrase = Commands.Measures;
    public const int QuartersOffered = 8;

    public void Map(BotRoutes routes)
    {
        routes.Command(Phrase, FromChatAsync);
        routes.Verb(BoardVerbs.ShowMeasures, ShowAsync);
    }

    private async Task FromChatAsync(ChatMessage message, CancellationToken ct)
    {
        if (readers.Refusal(message.Activity, message.Actor, BoardReaders.Readers, BoardReaders.NotAReader) is { } refusal)
        {
            await replies.SendAsync(message.ConversationId, Replies.Text(refusal), ct);
            return;
        }
        var typed = message.Text[Phrase.Length..].Trim();
        var quarter = typed.Length == 0 ? Quarter.Of(LondonTime.DayOf(clock.GetUtcNow())) : Quarter.Parse(typed);
        if (quarter is null)
        {
            await replies.SendAsync(message.ConversationId, Replies.Text($"Please name a quarter like this: measures {Quarter.Of(LondonTime.DayOf(clock.GetUtcNow())).Key}"), ct);
            return;
        }
        await replies.SendAsync(message.ConversationId, Replies.Card((await CardAsync(quarter, ct)).ToJson()), ct);
    }

    private async Task<InvokeResponse> ShowAsync(CardAction action, CancellationToken ct)
    {
        if (readers.Refusal(action.Activity, action.Actor, BoardReaders.Readers, BoardReaders.NotAReader) is { } refusal) return InvokeResponse.Message(refusal);
        var quarter = Quarter.Parse(action.GetString(BoardVerbs.QuarterKey)) ?? Quarter.Of(LondonTime.DayOf(clock.GetUtcNow()));
        return InvokeResponse.Card((await CardAsync(quarter, ct)).ToJson());
    }

    public async Task<QuarterlyMeasures> ComputeAsync(Quarter quarter, CancellationToken ct)
    {
        var cases = await histories.ReadAllAsync([], ct);
        return QuarterlyMeasures.For(quarter, [.. cases.Select(c => c.Measured)], calendar, profile.DecisionDueWorkingDays);
    }

    private async Task<Cards.AdaptiveCard> CardAsync(Quarter quarter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var measures = await ComputeAsync(quarter, ct);
        var ended = now >= quarter.EndsAt;
        var current = Quarter.Of(LondonTime.DayOf(now));
        var offered = new List<Quarter>();
        for (var (q, i) = (current, 0); i < QuartersOffered; q = q.Previous, i++) offered.Add(q);
        if (!offered.Contains(quarter)) offered.Add(quarter);
        log.LogInformation("Board measures shown for a quarter ({Referrals} referrals)", measures.Referrals);
        return MeasuresCard.Build(new MeasuresCardInput(
            quarter.Words, quarter.Key,
            ended ? null : now < quarter.First.ToDateTime(TimeOnly.MinValue) ? "This quarter has not started yet." : $"So far, as of {DisplayDate.Of(now)}.",
            [.. MeasureFigures.Of(measures, ended).Select(g => (g.Heading, g.Figures))],
            chart.DataUri(measures),
            $"Bar chart of referrals by referring agency: {string.Join(", ", measures.ReferralsByAgency.Select(a => $"{a.Agency} {a.Count}"))}.",
            [.. offered.Select(q => new QuarterChoice(q.Words, q.Key))]));
    }
}
