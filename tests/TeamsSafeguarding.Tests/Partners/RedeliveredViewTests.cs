using System.Text.Json.Nodes;
using Azure.Data.Tables;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

/// <summary>
/// A partner's view carries its click's id, so it needs no redelivery guard: Teams delivering the same click again (one
/// after the other, or several at once) gets the same card, and the view is recorded and logged once, with no guard row.
/// </summary>
[Collection("Azurite")]
public sealed class RedeliveredViewTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_same_view_delivered_again_and_several_times_at_once_is_recorded_once_with_no_guard_stored()
    {
        await using var bot = await BotUnderTest.StartAsync(azurite, ViewsUnderLoadTests.Settings);
        var caseId = await ViewsUnderLoadTests.SeedCaseWithPartnersAsync(bot.Table, bot.Connector.ServiceUrl);
        var click = ViewsUnderLoadTests.ViewClick(bot, caseId, 0).ToJsonString();

        var first = await bot.InvokeAsync(JsonNode.Parse(click)!);
        var again = await bot.InvokeAsync(JsonNode.Parse(click)!);
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bot.InvokeAsync(JsonNode.Parse(click)!)));

        Assert.Equal(TeamsSafeguarding.Teams.InvokeResponse.CardType, (string?)first["type"]);
        Assert.All(atOnce.Prepend(again), answer => Assert.Equal(first.ToJsonString(), answer.ToJsonString()));
        var row = PartnersRow.FromEntity((await bot.Table.GetEntityAsync<TableEntity>(CaseRow.PartitionOf(caseId), PartnersRow.Row)).Value);
        Assert.Equal(1, row.Views.Sum(v => v.Times));
        Assert.Single(await new CaseStore(bot.Table).GetLogAsync(caseId, default), l => l.Action == CaseActions.ViewGiven);
        Assert.DoesNotContain(bot.Rows(), r => r.PartitionKey.StartsWith(TableActivityDeduplicator.PartitionPrefix, StringComparison.Ordinal)
            || r.RowKey.StartsWith(TableActivityDeduplicator.AnswerPrefix, StringComparison.Ordinal));
    }
}
