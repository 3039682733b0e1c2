using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

/// <summary>
/// Scale-out on one table: three bot instances share a case through a burst of partner views spread over all three,
/// then its reminders and its deadline, on one fake clock that every instance's sweep runs on. Counted at the fake
/// Connector, every message, reminder and decision goes out exactly once: the outbox's partition lease keeps one
/// sender per case (with the lease ignored, cards and notices go out twice), and the due index's lease with the case's
/// ETag let one sweep, on one instance, record each reminder and the decision.
/// </summary>
[Collection("Azurite")]
public sealed class ThreeInstancesTests(AzuriteFixture azurite)
{
    private const string Thread = "channel-partners-id;messageid=1";
    private const string CoordinatorsChannel = "team-id"; // the Development settings' coordinators' channel
    private const int Clicks = 90;
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);

    // Monday 2 March 2026 (GMT): views due by the end of Monday 9 March, the decision by the end of Monday 16 March.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Three_instances_send_each_message_reminder_and_decision_exactly_once()
    {
        var settings = new Dictionary<string, string?>(ViewsUnderLoadTests.Settings) { ["Outbox:PollInterval"] = "00:00:00.200" };
        await using var bot = await BotUnderTest.StartAsync(azurite, settings, UseClock);
        await using var second = TestBotHost.Start(azurite.ConnectionString, bot.Host.TableName, settings, UseClock);
        await using var third = TestBotHost.Start(azurite.ConnectionString, bot.Host.TableName, settings, UseClock);
        // Teams takes a while to answer: a partition is held for as long as its sends take, which is when a second
        // sender could step in.
        bot.Connector.Latency = TimeSpan.FromMilliseconds(100);
        TestBotHost[] hosts = [bot.Host, second, third];
        using var secondHttp = second.CreateClient();
        using var thirdHttp = third.CreateClient();
        HttpClient[] clients = [bot.Http, secondHttp, thirdHttp];
        var caseId = await SeedAsync(bot);

        // The burst: every instance takes a third of the clicks, all at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, Clicks).Select(i => Task.Run(() => clients[i % 3].PostAsync("api/messages",
            new StringContent(ViewsUnderLoadTests.ViewClick(bot, caseId, i).ToJsonString(), System.Text.Encoding.UTF8, "application/json")))));
        Assert.All(answers, a => Assert.Equal(200, (int)a.StatusCode));
        await bot.OutboxDrainedAsync(Wait);

        // The reminders before the views and the decision deadlines, then the deadline itself: each time every instance
        // sweeps (its timer fires on the clock's move, and once more by hand, so the three surely race).
        var row = PartnersRow.FromEntity((await bot.Table.GetEntityAsync<TableEntity>(CaseRow.PartitionOf(caseId), PartnersRow.Row)).Value);
        var reminders = hosts[0].Services.GetRequiredService<PartnersClock>().Reminders(row).Select(r => r.SendFrom).Order().ToList();
        Assert.Equal(2, reminders.Count);
        var moments = reminders.Append(row.DecisionDueAt.AddMinutes(1)).ToList();
        for (var step = 0; step < moments.Count; step++)
        {
            clock.SetUtcNow(moments[step]);
            await Task.WhenAll(hosts.Select(h => h.Services.GetRequiredService<PartnerDeadlines>().SweepOnceAsync(default)));
            var expected = step + 1; // by now: the views reminder, the decision reminder, the decision notice
            await UntilAsync(() => ToCoordinators(bot.Connector).Count >= expected, $"coordinators' message {expected}");
            await bot.OutboxDrainedAsync(Wait);
        }

        // Quiet: every claim on the outbox let go once the commits it waited for must have landed (no send still in flight).
        clock.Advance(TimeSpan.FromMinutes(10));
        await UntilAsync(() => !bot.Table.Query<TableEntity>(e => e.PartitionKey == OutboxIndex.Partition).Any(), "the outbox index to empty");

        var calls = bot.Connector.Calls;
        // A post, a reminder, a notice or the referrer's message sent twice would show as the same body twice. Updates of
        // the shared card are left out: it shows no reasons, so an agency changing its view back draws the same card again.
        var twice = calls.Where(c => !(c.Operation == ConnectorOperation.UpdateActivity && c.ConversationId == Thread))
            .GroupBy(c => (c.Operation, c.RawTarget, Body: c.Body?.ToJsonString())).Where(g => g.Count() > 1)
            .Select(g => $"{g.Count()} x {g.Key.Operation} {g.Key.RawTarget}").ToList();
        Assert.True(twice.Count == 0, "Sent more than once: " + string.Join("; ", twice));
        Assert.Equal(3, ToCoordinators(bot.Connector).Count); // two reminders and the decision notice
        Assert.Single(calls, c => c.Operation == ConnectorOperation.CreateConversation && c.Parameters?.ChannelData?.Channel is null);
        Assert.Single(calls, c => c.Operation == ConnectorOperation.SendToConversation); // the referrer's notice, in the chat just opened
        var updates = calls.Where(c => c.Operation == ConnectorOperation.UpdateActivity && c.ConversationId == Thread).ToList();
        Assert.Contains("Majority at deadline", updates[^1].Body!.ToJsonString());

        var log = await new CaseStore(bot.Table).GetLogAsync(caseId, default);
        Assert.Equal(Clicks, log.Count(l => l.Action == CaseActions.ViewGiven));
        Assert.Equal(2, log.Count(l => l.Action == CaseActions.ReminderSent));
        Assert.Single(log, l => l.Action == CaseActions.Decided);
        Assert.NotEqual(CaseStage.WithPartners, (await new CaseStore(bot.Table).GetAsync(caseId, default))!.Stage);
    }

    private void UseClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);

    private static List<RecordedCall> ToCoordinators(FakeConnector connector) =>
        [.. connector.Calls.Where(c => c.Operation == ConnectorOperation.CreateConversation && c.Parameters?.ChannelData?.Channel?.Id == CoordinatorsChannel)];

    /// <summary>The case with its shared card posted, due for its first reminder in the index, as sending it to the partners leaves it.</summary>
    private async Task<string> SeedAsync(BotUnderTest bot)
    {
        var caseId = await ViewsUnderLoadTests.SeedCaseWithPartnersAsync(bot.Table, bot.Connector.ServiceUrl, clock.GetUtcNow());
        var row = PartnersRow.FromEntity((await bot.Table.GetEntityAsync<TableEntity>(CaseRow.PartitionOf(caseId), PartnersRow.Row)).Value);
        var due = bot.Host.Services.GetRequiredService<PartnersClock>().NextDue(row, clock.GetUtcNow())!.Value;
        await new DueIndex(bot.Table).ScheduleAsync(PartnersClock.Kind, caseId, due, default);
        return caseId;
    }

    /// <summary>A generous wait that ends as soon as <paramref name="done"/> holds.</summary>
    private static async Task UntilAsync(Func<bool> done, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {Wait.TotalMinutes:0} min for {what}.");
            await Task.Delay(100);
        }
    }
}
