using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Tests.EndToEnd;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// The redelivery guard keeps no personal data: a redelivered "Show details" gets its first answer again, kept in
/// the case's own partition, and after the referrer's whole journey no row outside a case partition holds any of the
/// person's details.
/// </summary>
[Collection("Azurite")]
public sealed class RedeliveryGuardPrivacyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // The test referral's dates must be in the past: Friday 27 March 2026, as in the other journey tests.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.Zero));
    private BotUnderTest bot = null!;

    public async Task InitializeAsync() =>
        bot = await BotUnderTest.StartAsync(azurite, configureServices: services => services.AddSingleton<TimeProvider>(clock));

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    [Fact]
    public async Task A_redelivered_Show_details_gets_its_first_answer_and_no_row_outside_the_case_holds_the_persons_details()
    {
        var caseId = await SubmitAsync(Drafts.Complete());
        var showDetails = bot.Click(ReferralVerbs.ShowDetails, new JsonObject { [ReferralVerbs.CaseIdKey] = caseId });

        var first = await bot.InvokeAsync(showDetails);
        var again = await bot.InvokeAsync(showDetails);

        Assert.Contains("Alex Example", first.ToJsonString());
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        // Shown twice would be logged twice: the redelivery was answered from the kept copy, not run again.
        Assert.Single(await CaseLogAsync(caseId), e => e.Contains(TeamsSafeguarding.Escalation.Cases.CaseActions.DetailsViewed, StringComparison.Ordinal));
        await bot.OutboxDrainedAsync();
        AssertNoPersonalDataOutsideCases();
    }

    [Fact]
    public async Task A_redelivered_click_whose_answer_was_a_message_is_told_it_was_handled_and_is_not_run_again()
    {
        var caseId = await SubmitAsync(Drafts.Complete());
        var resubmit = bot.Click(ReferralVerbs.Next, new JsonObject { [ReferralVerbs.CaseIdKey] = caseId });

        var first = await bot.InvokeAsync(resubmit);
        var again = await bot.InvokeAsync(resubmit);

        Assert.Equal(TeamsSafeguarding.Teams.InvokeResponse.MessageType, (string?)first["type"]);
        Assert.Equal(TeamsSafeguarding.Teams.InvokeResponse.AlreadyHandled().Body!.ToJsonString(), again.ToJsonString());
        AssertNoPersonalDataOutsideCases();
    }

    [Fact]
    public async Task Guards_and_the_answers_kept_with_the_case_are_swept_after_an_hour()
    {
        var caseId = await SubmitAsync(Drafts.Complete());
        await bot.InvokeAsync(bot.Click(ReferralVerbs.ShowDetails, new JsonObject { [ReferralVerbs.CaseIdKey] = caseId }));
        Assert.Contains(bot.Rows(), r => r.PartitionKey == "case|" + caseId && r.RowKey.StartsWith(TableActivityDeduplicator.AnswerPrefix, StringComparison.Ordinal));
        var sweeper = bot.Host.Services.GetServices<IHostedService>().OfType<DedupeSweeper>().Single();

        // Storage stamps rows with its own clock: an hour after now, by that clock, they are all due.
        clock.SetUtcNow(DateTimeOffset.UtcNow + DedupeSweeper.KeepFor + TimeSpan.FromMinutes(1));
        Assert.True(await sweeper.SweepOnceAsync(CancellationToken.None) > 0);

        Assert.DoesNotContain(bot.Rows(), r => r.PartitionKey.StartsWith(TableActivityDeduplicator.PartitionPrefix, StringComparison.Ordinal)
            || r.RowKey.StartsWith(TableActivityDeduplicator.AnswerPrefix, StringComparison.Ordinal));
        Assert.Contains(bot.Rows(), r => r.PartitionKey == "case|" + caseId && r.RowKey == TeamsSafeguarding.Cases.CaseRow.Row);
    }

    private void AssertNoPersonalDataOutsideCases()
    {
        var outside = bot.Rows().Where(r => !r.PartitionKey.StartsWith("case|", StringComparison.Ordinal)).ToList();
        Assert.Contains(outside, r => r.PartitionKey.StartsWith("dedupe|", StringComparison.Ordinal));
        foreach (var row in outside)
        {
            var stored = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}"));
            foreach (var detail in MockBoard.PersonalDetails)
                Assert.False(stored.Contains(detail, StringComparison.OrdinalIgnoreCase), $"\"{detail}\" is kept in {row.PartitionKey} / {row.RowKey}");
        }
    }

    private async Task<string> SubmitAsync(ReferralDraft answers)
    {
        var (confirmation, caseId) = await bot.ReferAsync(answers);
        Assert.Contains("SAB-2026-0001", confirmation.ToJsonString());
        return caseId;
    }

    private async Task<IReadOnlyList<string>> CaseLogAsync(string caseId)
    {
        var rows = new List<string>();
        await foreach (var row in bot.Table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "case|" + caseId))
            if (row.RowKey.StartsWith("log|", StringComparison.Ordinal)) rows.Add(string.Join(";", row.Select(p => p.Value)));
        return rows;
    }
}
