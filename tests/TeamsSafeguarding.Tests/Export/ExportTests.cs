using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Export;
using TeamsSafeguarding.Teams.Files;
using TeamsSafeguarding.Tests.Endpoint;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Export;

/// <summary>
/// The case log export through the real host, as Teams does it: "export" in the personal chat, the file consent card,
/// then the fileConsent/invoke answer with an upload URL (here a local server standing in for OneDrive), the PUT, and
/// the file card. The spreadsheet that arrives is opened and read back.
/// </summary>
[Collection("Azurite")]
public sealed class ExportTests(AzuriteFixture azurite)
{
    private const string Alex = "00000000-0000-0000-0000-0000000000020";   // coordinator (Development settings)
    private const string Megan = "00000000-0000-0000-0000-0000000000021";  // local authority member: no export

    [Fact]
    public async Task A_coordinator_gets_the_spreadsheet_in_their_own_OneDrive_through_the_consent_flow_and_each_case_logs_it()
    {
        await using var bot = await BotUnderTest.StartAsync(azurite);
        await using var onedrive = await UploadServer.StartAsync();
        var cases = await SeedAsync(bot, 2);

        var consent = await OfferAsync(bot, "export with logs");
        Assert.EndsWith("-with-logs.xlsx", consent.Name);
        var exportId = (string)consent.Content!["acceptContext"]!["exportId"]!;
        Assert.Equal(exportId, (string)consent.Content["declineContext"]!["exportId"]!);

        var accepted = await bot.PostAsync(Answer(bot, "accept", exportId, onedrive));
        Assert.Equal(200, (int)accepted.StatusCode);
        Assert.Equal("", await accepted.Content.ReadAsStringAsync());
        // "Allow" is answered at once; the file follows, then its card in the chat.
        var info = (await bot.Connector.WaitForCallAsync(c => c.Activity?.Attachments?.Any(a => a.ContentType == FileConsent.InfoContentType) == true,
            TimeSpan.FromSeconds(60))).Activity!.Attachments!.Single();
        Assert.Equal("https://contoso-my.sharepoint.com/personal/alex/Documents/Applications/export.xlsx", info.ContentUrl);
        Assert.Equal("ABC-123", (string?)info.Content!["uniqueId"]);

        var upload = Assert.Single(onedrive.Uploads);
        Assert.Equal("PUT", upload.Method);
        Assert.False(upload.HadAuthorization); // the URL is pre-authenticated: a bearer token there can break it
        Assert.Equal($"bytes 0-{upload.Body.Length - 1}/{upload.Body.Length}", upload.ContentRange);
        using (var xlsx = new MemoryStream(upload.Body))
        {
            var sheets = MiniExcel.GetSheetNames(xlsx);
            Assert.Equal(["Cases", "Measures", "SAB-2026-0001", "SAB-2026-0002"], sheets);
            xlsx.Position = 0;
            var rows = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Cases").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(["SAB-2026-0001", "SAB-2026-0002"], rows.Select(r => (string?)r["Case ref"]));
            Assert.All(rows, r => Assert.Equal("Housing association", r["Referring agency"]));
            Assert.All(rows, r => Assert.Equal("Received", r["Stage"]));
            Assert.Contains("Police: view", rows[0].Keys);
            xlsx.Position = 0;
            var log = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "SAB-2026-0001").Cast<IDictionary<string, object?>>().ToList();
            Assert.Contains(log, l => (string?)l["What"] == CaseActions.Received);
        }

        var store = bot.Host.Services.GetRequiredService<CaseStore>();
        foreach (var caseId in cases)
        {
            var exported = Assert.Single(await store.GetLogAsync(caseId, default), l => l.Action == CaseActions.Exported);
            Assert.Equal((Alex, "DeputyBoardManager"), (exported.ActorKey, exported.ActorRole));
        }

        // A second click on the card sends nothing more.
        Assert.Equal(200, (int)(await bot.PostAsync(Answer(bot, "accept", exportId, onedrive))).StatusCode);
        Assert.Single(onedrive.Uploads);
        await bot.Connector.WaitForCallAsync(c => c.Activity?.Text == ExportFeature.Stale, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Only_the_person_offered_it_can_accept_declining_sends_nothing_and_other_roles_are_refused()
    {
        await using var bot = await BotUnderTest.StartAsync(azurite);
        await using var onedrive = await UploadServer.StartAsync();
        await SeedAsync(bot, 1);

        var asMegan = bot.PersonalMessage("export");
        asMegan["from"]!["aadObjectId"] = Megan;
        await bot.PostAsync(asMegan);
        await bot.Connector.WaitForCallAsync(c => c.Activity?.Text == ExportFeature.Refused, TimeSpan.FromSeconds(10));

        var exportId = (string)(await OfferAsync(bot, "export")).Content!["acceptContext"]!["exportId"]!;

        var stolen = Answer(bot, "accept", exportId, onedrive);
        stolen["from"]!["aadObjectId"] = Megan;
        Assert.Equal(200, (int)(await bot.PostAsync(stolen)).StatusCode);
        Assert.Empty(onedrive.Uploads);

        Assert.Equal(200, (int)(await bot.PostAsync(Answer(bot, "decline", exportId, onedrive))).StatusCode);
        await bot.Connector.WaitForCallAsync(c => c.Activity?.Text == "Export cancelled: no file was made.", TimeSpan.FromSeconds(10));
        Assert.Equal(200, (int)(await bot.PostAsync(Answer(bot, "accept", exportId, onedrive))).StatusCode);
        Assert.Empty(onedrive.Uploads);

        // A consent answer that is not one (no context, an unknown action) is a 400, never a 5xx.
        var broken = Answer(bot, "accept", exportId, onedrive);
        broken["value"]!.AsObject().Remove("context");
        Assert.Equal(400, (int)(await bot.PostAsync(broken)).StatusCode);
        var odd = Answer(bot, "maybe", exportId, onedrive);
        Assert.Equal(400, (int)(await bot.PostAsync(odd)).StatusCode);
    }

    [Fact]
    public async Task Allow_is_answered_before_the_upload_ends_and_an_upload_OneDrive_refuses_is_told_in_the_chat()
    {
        await using var bot = await BotUnderTest.StartAsync(azurite);
        await using var onedrive = await UploadServer.StartAsync();
        onedrive.Answer = 500;
        onedrive.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SeedAsync(bot, 1);
        var exportId = (string)(await OfferAsync(bot, "export")).Content!["acceptContext"]!["exportId"]!;

        // "Allow" is answered while OneDrive has not yet answered the upload (Teams gives an invoke 15 s; a big file takes longer).
        Assert.Equal(200, (int)(await bot.PostAsync(Answer(bot, "accept", exportId, onedrive))).StatusCode);
        Assert.DoesNotContain(bot.Connector.Calls, c => c.Activity?.Text == ExportFeature.UploadFailed);
        onedrive.Hold.SetResult();

        await bot.Connector.WaitForCallAsync(c => c.Activity?.Text == ExportFeature.UploadFailed, TimeSpan.FromSeconds(60));
        Assert.Single(onedrive.Uploads);
        Assert.DoesNotContain(bot.Connector.Calls, c => c.Activity?.Attachments?.Any(a => a.ContentType == FileConsent.InfoContentType) == true);
        Assert.Equal(200, (int)(await bot.PostAsync(Answer(bot, "accept", exportId, onedrive))).StatusCode);
        await bot.Connector.WaitForCallAsync(c => c.Activity?.Text == ExportFeature.Stale, TimeSpan.FromSeconds(10));
        Assert.Single(onedrive.Uploads);
    }

    /// <summary>Types <paramref name="command"/> in the personal chat: the file consent card the bot answers with.</summary>
    private static async Task<TeamsSafeguarding.Teams.Attachment> OfferAsync(BotUnderTest bot, string command)
    {
        await bot.PostAsync(bot.PersonalMessage(command));
        return (await bot.Connector.WaitForCallAsync(c => c.Activity?.Attachments?.Any(a => a.ContentType == FileConsent.ConsentContentType) == true,
            TimeSpan.FromSeconds(10))).Activity!.Attachments!.Single();
    }

    /// <summary>Teams' fileConsent/invoke (teams-files.md A.2), from the Playground's current user in their personal chat.</summary>
    internal static JsonObject Answer(BotUnderTest bot, string action, string exportId, UploadServer onedrive)
    {
        var activity = bot.Fixture("invoke-adaptiveCard-action.json");
        activity["name"] = FileConsentAnswer.InvokeName;
        activity["value"] = new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = action,
            ["context"] = new JsonObject { ["exportId"] = exportId },
            ["uploadInfo"] = action == "accept" || action == "maybe" ? new JsonObject
            {
                ["name"] = "export.xlsx",
                ["uploadUrl"] = new Uri(onedrive.BaseAddress, "upload/session-1").ToString(),
                ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/alex/Documents/Applications/export.xlsx",
                ["uniqueId"] = "ABC-123",
                ["fileType"] = "xlsx",
            } : null,
        };
        return activity;
    }

    /// <summary>Cases received through the case steps (so they are in the register), "SAB-2026-0001" onwards.</summary>
    internal static async Task<IReadOnlyList<string>> SeedAsync(BotUnderTest bot, int count)
    {
        var commands = bot.Host.Services.GetRequiredService<CaseCommands>();
        var profile = bot.Host.Services.GetRequiredService<ProcessProfile>();
        var ids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var id = CaseStore.NewCaseId();
            var actor = new CaseActor("referrer-1", "Referrer");
            await commands.CreateAsync(id, actor, w => w.Apply(Case.StartDraft(id, actor.Key, w.Now)), default);
            await commands.RunAsync(id, actor, [], (f, w) => w.Apply(f.Case.Submit($"SAB-2026-{i:0000}", "Housing association", "High", profile.Stages, w.Now)),
                () => throw new InvalidOperationException(), default);
            ids.Add(id);
        }
        return ids;
    }
}
