using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

/// <summary>
/// No click lost: many partner members giving and changing views on one case at once, through the real bot over HTTP on
/// Azurite, on one instance and on two sharing the table. Every click is answered with the card, the case keeps one
/// current view per agency, every change is logged, and the shared card ends up showing exactly what is stored.
/// </summary>
[Collection("Azurite")]
public sealed class ViewsUnderLoadTests(AzuriteFixture azurite)
{
    // The Development settings' partner members: two for the local authority, one each for the police and the ICB.
    private static readonly string[] Members =
    [
        "00000000-0000-0000-0000-0000000000021", "00000000-0000-0000-0000-0000000000025",
        "00000000-0000-0000-0000-0000000000022", "00000000-0000-0000-0000-0000000000023",
    ];
    private const string Thread = "channel-partners-id;messageid=1";
    private const int Clicks = 200;

    // Without early decision every view counts until the deadline, so members can keep changing their minds.
    internal static readonly Dictionary<string, string?> Settings = new() { ["Board:Process:EarlyDecision"] = "false" };

    [Fact]
    public async Task Two_hundred_views_at_once_on_one_instance_are_all_kept()
    {
        await using var bot = await BotUnderTest.StartAsync(azurite, Settings);
        var caseId = await SeedCaseWithPartnersAsync(bot.Table, bot.Connector.ServiceUrl);

        var answers = await Task.WhenAll(Enumerable.Range(0, Clicks).Select(i => Task.Run(() => bot.PostAsync(ViewClick(bot, caseId, i)))));

        await AssertAllKeptAsync(answers, bot.Table, caseId);
        await bot.OutboxDrainedAsync(TimeSpan.FromMinutes(2));
        AssertSharedCardIsTheStoredState(bot.Connector, bot.Host.Services, bot.Table, caseId);
    }

    [Fact]
    public async Task Two_hundred_views_at_once_shared_by_two_instances_on_one_table_are_all_kept()
    {
        await using var bot = await BotUnderTest.StartAsync(azurite, Settings);
        await using var second = TestBotHost.Start(azurite.ConnectionString, bot.Host.TableName,
            new Dictionary<string, string?>(Settings) { ["Outbox:PollInterval"] = "00:00:00.200" });
        using var secondHttp = second.CreateClient();
        var caseId = await SeedCaseWithPartnersAsync(bot.Table, bot.Connector.ServiceUrl);

        var answers = await Task.WhenAll(Enumerable.Range(0, Clicks).Select(i => Task.Run(() => i % 2 == 0
            ? bot.PostAsync(ViewClick(bot, caseId, i))
            : secondHttp.PostAsync("api/messages", new StringContent(ViewClick(bot, caseId, i).ToJsonString(), System.Text.Encoding.UTF8, "application/json")))));

        await AssertAllKeptAsync(answers, bot.Table, caseId);
        await bot.OutboxDrainedAsync(TimeSpan.FromMinutes(2));
        AssertSharedCardIsTheStoredState(bot.Connector, bot.Host.Services, bot.Table, caseId);
    }

    /// <summary>Click i: member i mod 4 gives a view that changes with every round, with its own reason.</summary>
    internal static JsonObject ViewClick(BotUnderTest bot, string caseId, int i)
    {
        var member = Members[i % Members.Length];
        var click = bot.Fixture("invoke-adaptiveCard-action-channel-other-user.json");
        click["from"] = new JsonObject { ["id"] = "user-" + member[^2..], ["name"] = "Partner member", ["aadObjectId"] = member };
        click["conversation"]!["id"] = Thread;
        click["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute", ["title"] = "Give view", ["verb"] = PartnersVerbs.GiveView,
                ["data"] = new JsonObject
                {
                    ["caseId"] = caseId,
                    [PartnersCard.ChoiceId] = (i / Members.Length) % 2 == 0 ? "MeetingRequired" : "NoMeeting",
                    [PartnersCard.RationaleId] = $"Reason {i}",
                },
            },
        };
        return click;
    }

    private static async Task AssertAllKeptAsync(HttpResponseMessage[] answers, TableClient table, string caseId)
    {
        foreach (var answer in answers)
        {
            using (answer)
            {
                Assert.Equal(200, (int)answer.StatusCode);
                var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
                Assert.True(InvokeResponse.CardType == body["type"]?.GetValue<string>(), $"Expected the card, got: {body.ToJsonString()}");
            }
        }
        var row = PartnersRow.FromEntity((await table.GetEntityAsync<TableEntity>(CaseRow.PartitionOf(caseId), PartnersRow.Row)).Value);
        Assert.Equal(["icb", "la", "police"], row.Views.Select(v => v.Current.AgencyId).Order());
        Assert.Equal(Clicks, row.Views.Sum(v => v.Times));
        var log = new CaseStore(table).GetLogAsync(caseId, default);
        Assert.Equal(Clicks, (await log).Count(l => l.Action == CaseActions.ViewGiven));
        Assert.Equal(CaseStage.WithPartners, (await new CaseStore(table).GetAsync(caseId, default))!.Stage);
    }

    private static void AssertSharedCardIsTheStoredState(FakeConnector connector, IServiceProvider services, TableClient table, string caseId)
    {
        var store = new CaseStore(table);
        var record = store.GetAsync(caseId, default).GetAwaiter().GetResult()!;
        var row = PartnersRow.FromEntity(store.GetRowAsync(caseId, PartnersRow.Row, default).GetAwaiter().GetResult()!);
        var expected = services.GetRequiredService<PartnersCards>().ReadOnly(record, row).ToJson().ToJsonString();

        var updates = connector.Calls.Where(c => c.Operation == ConnectorOperation.UpdateActivity && c.ConversationId == Thread).ToList();
        Assert.NotEmpty(updates);
        Assert.Equal(expected, updates[^1].Activity!.Attachments![0].Content!.ToJsonString());
    }

    /// <summary>A case the partners are deciding on, whose shared card was posted in the partners' channel thread.</summary>
    internal static async Task<string> SeedCaseWithPartnersAsync(TableClient table, string serviceUrl, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var caseId = CaseStore.NewCaseId();
        var record = new Case
        {
            CaseId = caseId, Reference = "SAB-2026-0042", Stage = CaseStage.WithPartners, ReferrerKey = "referrer-1",
            ReferringAgency = "Housing association", RiskBand = "High", Version = 1, CreatedAt = now, UpdatedAt = now, StageSince = now,
        };
        var profile = ProcessProfile.Default;
        var partners = PartnersRow.Start(caseId, now, profile.PartnerDeadlines(now, profile.Calendar()), notTriaged: false);
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, CaseRow.ToEntity(record)),
            new(TableTransactionActionType.Add, partners.ToEntity()),
            new(TableTransactionActionType.Add, new TableEntity(CaseRow.PartitionOf(caseId), OutboxRow.PostedKey(PartnersCards.MessageKey))
            {
                ["ServiceUrl"] = serviceUrl, ["ConversationId"] = Thread, ["ActivityId"] = "1",
            }),
        ]);
        return caseId;
    }
}
