using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using TeamsSafeguarding.Cards.Board;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Digest;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Teams.Files;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using static TeamsSafeguarding.Tests.EndToEnd.MockBoard;
using static TeamsSafeguarding.Tests.EndToEnd.PlaygroundDriver;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// The board's view in the Agents Playground, as a coordinator (Alex Wilber: coordinator, deputy board manager and, in the
/// Development settings, board admin): the register in the coordinators' channel, a case opened from it, its log, the
/// measures, the export through Teams' file consent protocol (the answer Teams would send is given through the
/// Playground's own API, with the upload checked against a local server), a legal hold, and the morning digest, once,
/// from two bot instances sharing one table.
/// </summary>
[Collection("Azurite")]
public sealed class BoardViewInPlaygroundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reference = "SAB-2026-0001";
    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);
    private static DateTimeOffset London(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Bst);

    // Monday 29 June 2026, 10:00 London: sent on today, the partners' views are due Monday 6 July (WD 5).
    private readonly FakeTimeProvider clock = new(London(6, 29, 10));
    private BotInPlayground rig = null!;
    private PlaygroundSession playground => rig.Playground;
    private PlaygroundDriver driver => rig.Driver;

    public async Task InitializeAsync() => rig = await BotInPlayground.StartAsync(azurite, clock);

    public async Task DisposeAsync()
    {
        if (rig is not null) await rig.DisposeAsync();
    }

    [Fact]
    public async Task A_coordinator_lists_opens_reads_measures_exports_and_holds_a_case_and_gets_one_digest_from_two_instances()
    {
        await SentToPartnersAsync();

        // 1. The register, in the coordinators' channel (General).
        await playground.SendMessageAsync(CoordinatorsChannel, "cases", mentionBot: true);
        var register = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains("Case register"));
        Assert.Contains("1 open case", register.Text);
        Assert.Contains(Reference, register.Text);
        Assert.Contains("Partners' views due 6 July 2026", register.Text);
        Assert.Contains("On time", register.Text);

        // 2. The row opens the case; its log is a button away, the bot's own lines by role, never by name.
        var caseId = (await Cases.FindCaseIdAsync(Reference, default))!;
        var summary = await driver.ClickAsync(register, BoardVerbs.OpenCase, withData: (BoardVerbs.CaseIdKey, caseId));
        Assert.Equal("With statutory partners", Fact(summary, "Stage"));
        Assert.Equal("13 July 2026", Fact(summary, "Partners' decision due"));
        var log = await driver.ClickAsync(summary, BoardVerbs.ShowLog);
        Assert.Contains($"Case log: {Reference}", log.Text);
        // The most recent page first (the draft's saves make several); "Earlier", page by page, back to the first.
        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(log.Text, @"page (\d+) of \1\b").Groups[1].Value);
        Assert.True(pages >= 2, log.Text);
        var read = new List<string> { log.Text };
        for (var page = pages - 1; page >= 1; page--)
        {
            log = await driver.ClickAsync(log, BoardVerbs.ShowLog);
            Assert.Contains($"page {page} of {pages}", log.Text);
            read.Add(log.Text);
        }
        // Oldest first, even with this test's clock standing still: the first line is on the first page.
        Assert.Contains("Draft created", log.Text);
        Assert.Contains("Referrer", log.Text);
        Assert.Contains("Referral received", string.Join("\n", read));
        Assert.DoesNotContain("Alex Wilber", string.Join("\n", read));
        var logged = await Cases.GetLogAsync(caseId, default);
        Assert.Contains(logged, l => l.Action == CaseActions.ListedInRegister);
        Assert.Contains(logged, l => l.Action == CaseActions.SummaryViewed);
        Assert.Contains(logged, l => l.Action == CaseActions.LogViewed);

        // 3. The quarter's measures, with the chart.
        await playground.SendMessageAsync(CoordinatorsChannel, "measures", mentionBot: true);
        var measures = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains("Board measures"));
        Assert.Contains("Q1 2026-27 (April to June 2026)", measures.Text);
        Assert.Equal("1", Fact(measures, "Referrals received"));
        Assert.Contains("data:image/png;base64,", measures.Card.ToJsonString());

        // 4. The export, in Alex's personal chat: the consent card, then Teams' answer with an upload URL.
        await using var onedrive = await UploadServer.StartAsync();
        await playground.SendMessageAsync(driver.Chat, "export");
        var offer = await playground.WaitForMessageAsync(m => m.ConversationId == driver.Chat
            && m.Attachments.OfType<JsonObject>().Any(a => (string?)a["contentType"] == FileConsent.ConsentContentType), Wait);
        var consent = offer.Attachments.OfType<JsonObject>().Single();
        var exportId = (string)consent["content"]!["acceptContext"]!["exportId"]!;
        await playground.SendCustomActivityAsync(driver.Chat, new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = FileConsentAnswer.InvokeName,
            ["value"] = new JsonObject
            {
                ["type"] = "fileUpload", ["action"] = "accept", ["context"] = new JsonObject { ["exportId"] = exportId },
                ["uploadInfo"] = new JsonObject
                {
                    ["name"] = "case-log-2026-06-29.xlsx", ["uploadUrl"] = new Uri(onedrive.BaseAddress, "upload/1").ToString(),
                    ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/alex/Documents/Applications/export.xlsx",
                    ["uniqueId"] = "ABC-123", ["fileType"] = "xlsx",
                },
            },
        });
        // The Playground passes the activity on and logs the bot's answer: 200 with no body, as Teams expects.
        var answered = await playground.WaitForLogAsync(l => (string?)l.RequestBody?["name"] == FileConsentAnswer.InvokeName && l.StatusCode is not null, Wait);
        Assert.Equal(200, answered.StatusCode);
        Assert.Equal("", answered.ResponseBody?.GetValue<string>() ?? "");
        await playground.WaitForMessageAsync(m => m.ConversationId == driver.Chat
            && m.Attachments.OfType<JsonObject>().Any(a => (string?)a["contentType"] == FileConsent.InfoContentType), Wait);
        var upload = Assert.Single(onedrive.Uploads);
        using (var xlsx = new MemoryStream(upload.Body))
            Assert.Equal(Reference, (string?)MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Cases").Cast<IDictionary<string, object?>>().Single()["Case ref"]);
        Assert.Contains(await Cases.GetLogAsync(caseId, default), l => l.Action == CaseActions.Exported);

        // 5. A legal hold, by Alex as board admin.
        await playground.SendMessageAsync(CoordinatorsChannel, $"hold {Reference}", mentionBot: true);
        await playground.WaitForMessageAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Case {Reference} is on legal hold"), Wait);

        // 6. The digest: a second instance of the bot joins on the same table. Tuesday 30 June at 09:00 nothing is due,
        // so nothing is posted; Friday 3 July at 09:00 the views are due soon: one digest, whichever instance posts it.
        await using var second = TestBotHost.Start(azurite.ConnectionString, rig.Host.TableName, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var sweeps = new[] { rig.Host.Services.GetRequiredService<DigestSweep>(), second.Services.GetRequiredService<DigestSweep>() };
        await Task.WhenAll(sweeps.Select(s => s.ScheduleNextAsync(default)));
        clock.SetUtcNow(London(6, 30, 9));
        Assert.DoesNotContain(await Task.WhenAll(sweeps.Select(s => s.SweepOnceAsync(default))), r => r.Outcome == DigestSweep.Outcome.Posted);
        clock.SetUtcNow(London(7, 3, 9));
        var friday = await Task.WhenAll(sweeps.Select(s => s.SweepOnceAsync(default)));
        var digest = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains("Deadline digest: 3 July 2026"));
        Assert.Contains("Due soon (1)", digest.Text);
        Assert.Contains($"{Reference}", digest.Text);
        // Both instances sweep again, and the digest's visit is tried once more as after a crash: still one digest.
        await Task.WhenAll(sweeps.Select(s => s.SweepOnceAsync(default)));
        await new TeamsSafeguarding.Scheduling.DueIndex(second.Services.GetRequiredService<Azure.Data.Tables.TableClient>())
            .ScheduleAsync(DigestSweep.Kind, DigestSweep.Subject, London(7, 3, 9), default);
        Assert.Contains(await Task.WhenAll(sweeps.Select(s => s.SweepOnceAsync(default))), r => r.Outcome == DigestSweep.Outcome.AlreadyPosted);
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything sent would show within this
        Assert.Single(playground.Messages, m => m.AllText.Contains("Deadline digest"));
        Assert.DoesNotContain(playground.Messages, m => m.AllText.Contains("Deadline digest: 30 June"));

        // Nothing personal reached the channel on the way.
        foreach (var message in playground.Messages.Where(m => m.ConversationId != driver.Chat))
            foreach (var secret in PersonalDetails)
                Assert.False(message.Raw.ToJsonString().Contains(secret), $"\"{secret}\" was shown in {message.ConversationId}");
    }

    private CaseStore Cases => rig.Host.Services.GetRequiredService<CaseStore>();

    /// <summary>Alex refers and, as deputy board manager, sends it to the partners.</summary>
    private async Task SentToPartnersAsync()
    {
        await driver.SubmitReferralAsync(Drafts.Complete());
        var triage = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Triage referral {Reference}"));
        await driver.ClickAsync(triage, TriageVerbs.Send, TriageChecklist.All.ToDictionary(c => c.FieldId, _ => (string?)TriageCard.Met));
        await driver.WaitForCardAsync(m => InChannel(m, PartnersChannel) && m.AllText.Contains($"Referral {Reference}: statutory partners' views"));
    }
}
