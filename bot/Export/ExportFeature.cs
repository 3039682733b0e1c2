using TeamsSafeguarding.Cards.Onboarding;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Measures;
using TeamsSafeguarding.Measures;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Files;

namespace TeamsSafeguarding.Export;

/// <summary>Settings "Export": whether an upload URL may be plain http (the local Agents Playground and tests only).</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";
    public bool AllowHttpUploadUrls { get; set; }
}

/// <summary>
/// "export" (or "export with logs") in a personal chat, for coordinators and auditors: the board's case log as a
/// spreadsheet, delivered the Teams way to the person who asked and nobody else (teams-files.md, route A): a file consent
/// card; on "Allow", Teams' fileConsent/invoke gives an upload URL in their own OneDrive, the file is made then (so it
/// is as of that moment and never stored), the export is logged on every case in it (who, role, when), the bytes are
/// PUT there, and a file card links to it. Not offered in channels: a channel's files are seen by the whole team.
/// Making and uploading a large workbook can outlast the 15 seconds Teams gives an invoke, so "Allow" is answered at once
/// and the file follows in the chat.
/// </summary>
public sealed class ExportFeature(ExportRequests requests, CaseHistories histories, CaseCommands commands, BoardReaders readers,
    MeasuresFeature measures, IOptions<BoardOptions> board, IOptions<ExportOptions> options, IHttpClientFactory http, Replies replies,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ExportFeature> log) : IBotFeature
{
    public const string Phrase = Commands.Export;
    public const string HttpClientName = "file-upload";
    public static readonly TimeSpan OfferLasts = TimeSpan.FromHours(1);
    public const string Refused = "Sorry, only the board's coordinators and auditors can export the case log.";
    public const string PersonalOnly = "Exports come to your personal chat with me, so the file reaches only you. Open a chat with me and type \"export\".";
    public const string UploadFailed = "The file could not be saved to your OneDrive just now. Type \"export\" to try again.";
    public const string NotMade = "The export could not be made just now. Type \"export\" to try again.";
    public const string Stale = "This export offer has expired or was already used. Type \"export\" for a new one.";

    public void Map(BotRoutes routes)
    {
        routes.Command(Phrase, OfferAsync);
        routes.Invoke(FileConsentAnswer.InvokeName, AnswerAsync);
    }

    private async Task OfferAsync(ChatMessage message, CancellationToken ct)
    {
        var actor = message.Actor;
        var refusal = !readers.IsAllowedTenant(actor) ? BoardReaders.WrongTenant
            : !message.IsPersonal ? PersonalOnly
            : !readers.Holds(actor.UserKey, BoardReaders.Exporters) ? Refused : null;
        if (refusal is not null)
        {
            log.LogInformation("Export refused");
            await replies.SendAsync(message.ConversationId, Replies.Text(refusal), ct);
            return;
        }
        var withLogs = message.Text[Phrase.Length..].Trim().Equals("with logs", StringComparison.OrdinalIgnoreCase);
        var request = new ExportRequest(Guid.NewGuid().ToString("N"), actor.UserKey, withLogs, clock.GetUtcNow(), ExportStatus.Offered);
        await requests.AddAsync(request, ct);
        var name = ExportWorkbook.FileName(LondonTime.DayOf(request.RequestedAt), withLogs);
        var description = withLogs
            ? "The board's case log, one row per case, this quarter's measures, and a sheet with each case's log. It is made when you allow it."
            : "The board's case log, one row per case, with this quarter's measures. It is made when you allow it.";
        var offer = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Here is the case log export. Press Allow to save it to your OneDrive; it expires in an hour.",
            Attachments = [FileConsent.ConsentCard(name, description, EstimatedSize(withLogs), new JsonObject { ["exportId"] = request.Id })],
        };
        log.LogInformation("Export offered (with logs: {WithLogs})", withLogs);
        await replies.SendAsync(message.ConversationId, offer, ct);
    }

    private async Task<InvokeResponse> AnswerAsync(Activity activity, Actor actor, CancellationToken ct)
    {
        if (FileConsentAnswer.Read(activity) is not { } answer) return new InvokeResponse(400, null);
        var conversationId = activity.Conversation?.Id ?? "";
        var request = await requests.FindAsync(answer.Context["exportId"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null, ct);
        var now = clock.GetUtcNow();
        if (request is null || request.Status != ExportStatus.Offered || now - request.RequestedAt > OfferLasts
            || !string.Equals(request.RequestedBy, actor.UserKey, StringComparison.OrdinalIgnoreCase))
        {
            log.LogInformation("A file consent answer for no export on offer to this person");
            await replies.SendAsync(conversationId, Replies.Text(Stale), ct);
            return new InvokeResponse(200, null);
        }
        if (!answer.Accepted)
        {
            await requests.TryMoveAsync(request, ExportStatus.Declined, ct);
            await replies.SendAsync(conversationId, Replies.Text("Export cancelled: no file was made."), ct);
            return new InvokeResponse(200, null);
        }
        var upload = answer.Upload!;
        if (upload.UploadUrl.Scheme != "https" && !options.Value.AllowHttpUploadUrls)
        {
            log.LogWarning("A file consent answer with an upload URL that is not https");
            return new InvokeResponse(400, null);
        }
        // The person must still hold the role, and only one click on the card may send.
        if (!readers.Holds(actor.UserKey, BoardReaders.Exporters) || activity.Conversation?.ConversationType is not (null or "personal"))
        {
            await requests.TryMoveAsync(request, ExportStatus.Failed, ct);
            await replies.SendAsync(conversationId, Replies.Text(Refused), ct);
            return new InvokeResponse(200, null);
        }
        if (await requests.TryMoveAsync(request, ExportStatus.Sending, ct) is not { } sending) return new InvokeResponse(200, null);

        // The request is now "Sending" (moved under its ETag), so no other click or instance sends it again. The work
        // outlives this request; if the bot stops half way, the request stays "Sending" and "export" makes a new offer.
        _ = Task.Run(() => SendAsync(actor, sending, upload, conversationId, lifetime.ApplicationStopping), CancellationToken.None);
        return new InvokeResponse(200, null);
    }

    private async Task SendAsync(Actor actor, ExportRequest sending, FileUploadInfo upload, string conversationId, CancellationToken ct)
    {
        var made = false;
        try
        {
            var bytes = await BuildAndLogAsync(actor, sending.WithLogs, ct);
            made = true;
            var status = await UploadAsync(upload, bytes, ct);
            if (status is 200 or 201)
            {
                await requests.TryMoveAsync(sending, ExportStatus.Sent, ct);
                await replies.SendAsync(conversationId, new Activity
                {
                    Type = ActivityTypes.Message,
                    Text = "Your case log export is in your OneDrive.",
                    Attachments = [FileConsent.InfoCard(upload)],
                }, ct);
                log.LogInformation("Export uploaded ({Bytes} bytes)", bytes.Length);
                return;
            }
            log.LogWarning("Export upload failed with {Status}", status);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Export could not be made ({ExceptionType})", e.GetType().Name);
        }
        catch (OperationCanceledException)
        {
            return; // the bot is stopping; the request stays "Sending" and the person can ask again
        }
        try
        {
            await requests.TryMoveAsync(sending, ExportStatus.Failed, ct);
            await replies.SendAsync(conversationId, Replies.Text(made ? UploadFailed : NotMade), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Export failure could not be recorded ({ExceptionType})", e.GetType().Name);
        }
    }

    /// <summary>Reads every case, makes the workbook, and logs the export on each case in it (who, their role, when).</summary>
    public async Task<byte[]> BuildAndLogAsync(Actor actor, bool withLogs, CancellationToken ct)
    {
        var cases = await histories.ReadAllAsync(ExportWorkbook.RowsRead, ct);
        var who = readers.Directory.ActorFor(actor.UserKey);
        var detail = withLogs ? "spreadsheet export with each case's log" : "spreadsheet export";
        using (var gate = new SemaphoreSlim(8))
            await Task.WhenAll(cases.Select(async c =>
            {
                await gate.WaitAsync(ct);
                try { await commands.RunAsync(c.Case.CaseId, who, [], (_, writes) => writes.Log(CaseActions.Exported, detail), () => (CaseWrites?)null, ct); }
                finally { gate.Release(); }
            }));
        var now = clock.GetUtcNow();
        var quarter = Quarter.Of(LondonTime.DayOf(now));
        var figures = new List<(QuarterlyMeasures, bool)>();
        foreach (var q in new[] { quarter, quarter.Previous })
            figures.Add((await measures.ComputeAsync(q, ct), now >= q.EndsAt));
        return ExportWorkbook.Build(cases, board.Value.Partners, figures, withLogs);
    }

    private async Task<int> UploadAsync(FileUploadInfo upload, byte[] bytes, CancellationToken ct)
    {
        try
        {
            return await FileConsent.UploadAsync(http.CreateClient(HttpClientName), upload, bytes, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Export upload failed with {ExceptionType}", e.GetType().Name);
            return 0;
        }
    }

    /// <summary>Shown on the consent card only; the real size is known once the file is made.</summary>
    private static long EstimatedSize(bool withLogs) => withLogs ? 200_000 : 40_000;
}
