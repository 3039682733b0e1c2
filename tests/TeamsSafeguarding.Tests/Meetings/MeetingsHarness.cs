using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Outbox;
using TeamsSafeguarding.Tests.Triage;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Meetings.ArrangementForm;

namespace TeamsSafeguarding.Tests.Meetings;

/// <summary>
/// The review meeting's features over a real Azurite table (the board of <see cref="BoardHarness"/>, its fixed clock),
/// with the board's team roster as the Connector lists it and, when asked for, a fake Graph the real SDK calls.
/// </summary>
public sealed class MeetingsHarness : IAsyncDisposable
{
    public const string Organiser = "organiser-1";
    public const string OrganiserEmail = "organiser@council.example";
    public const string Owner = "owner-1";
    public const string OwnerEmail = "owner@police.example";
    public const string LeadProfessional = "lead-1";
    public const string LeadProfessionalEmail = "lead.professional@council.example";
    public const string ReferrerEmail = "referrer@housing.example";
    public const string OutsiderEmail = "not.in.the.team@gp.example";
    public static readonly Dictionary<string, string> Representatives = new()
    {
        ["la"] = "la.rep@council.example", ["police"] = "police.rep@police.example", ["icb"] = "icb.rep@nhs.example",
    };
    /// <summary>The board's public address the invitation links are made from.</summary>
    public const string PublicBaseUrl = "https://bot.example.org";

    private MeetingsHarness(BoardHarness board, FakeGraph? graph, RecordingConnector roster)
    {
        Board = board;
        Graph = graph;
        Roster = roster;
    }

    public BoardHarness Board { get; }
    public FakeGraph? Graph { get; }
    public RecordingConnector Roster { get; }
    public CalendarSweep Calendar => Board.Services.GetRequiredService<CalendarSweep>();
    public FollowUpSweep FollowUp => Board.Services.GetRequiredService<FollowUpSweep>();

    public static async Task<MeetingsHarness> StartAsync(TableClient table, bool withGraph)
    {
        var graph = withGraph ? await FakeGraph.StartAsync() : null;
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = withGraph ? "true" : "false",
            ["Graph:BaseUrl"] = graph?.BaseUrl ?? "https://graph.microsoft.com/v1.0",
            ["Meetings:PublicBaseUrl"] = PublicBaseUrl,
        };
        var roster = new RecordingConnector();
        roster.Rosters[BoardHarness.CoordinatorsChannel] =
        [
            new TeamsMember { Id = "29:organiser", AadObjectId = Organiser, Email = OrganiserEmail },
            new TeamsMember { Id = "29:owner", AadObjectId = Owner, Email = "someone.else@police.example", UserPrincipalName = OwnerEmail },
            new TeamsMember { Id = "29:lead", ObjectId = LeadProfessional, Email = LeadProfessionalEmail },
            new TeamsMember { Id = "29:coordinator", AadObjectId = BoardHarness.Coordinator, Email = "coordinator@sab.example" },
        ];
        var board = new BoardHarness(table, b => b.Partners.ForEach(p => p.MeetingRepresentative = Representatives[p.Id]), settings: settings,
            more: s => s.AddSingleton<IConnectorClient>(roster));
        await board.Conversations.RememberServiceUrlAsync(BoardHarness.Tenant, "https://smba.example/amer/", default);
        if (graph is not null)
            foreach (var email in Representatives.Values.Concat([OrganiserEmail, ReferrerEmail, LeadProfessionalEmail]))
                graph.Calendars[email] = [];
        return new MeetingsHarness(board, graph, roster);
    }

    public async ValueTask DisposeAsync()
    {
        await Board.Services.DisposeAsync();
        if (Graph is not null) await Graph.DisposeAsync();
    }

    /// <summary>A referral (with its submitted version naming the referrer's address and senior manager) the partners have decided needs a meeting.</summary>
    public async Task<Case> MeetingRequiredAsync()
    {
        var record = await Board.SeedReceivedAsync();
        await Board.Cases.ClaimReferenceAsync(record.Reference!, record.CaseId, default);
        var referral = Drafts.Complete().With(ReferralFields.ReferrerEmail, ReferrerEmail);
        await Board.Table.UpsertEntityAsync(DraftRow.Frozen(record.CaseId, 1, referral, Board.Clock.GetUtcNow()));
        await Board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        foreach (var member in new[] { "la-1", "police-1" })
            await Board.ClickAsync(member, "partners.view", new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "MeetingRequired", ["rationale"] = "View " + member });
        return (await Board.Cases.GetAsync(record.CaseId, default))!;
    }

    /// <summary>A coordinator arranges it: Police lead, the organiser, the configured representatives, the lead professional and an advocate.</summary>
    public async Task<InvokeResponse> ArrangeAsync(string caseId, string organiserEmail = OrganiserEmail)
    {
        await Click(BoardHarness.Coordinator, MeetingVerbs.Arrange, caseId);
        await Click(BoardHarness.Coordinator, MeetingVerbs.ArrangeStep, caseId, ("page", "1"), ("go", "next"),
            (F.LeadAgency, "police"), (F.OrganiserName, "Olive Organiser"), (F.OrganiserEmail, organiserEmail));
        await Click(BoardHarness.Coordinator, MeetingVerbs.ArrangeStep, caseId,
            [("page", "2"), ("go", "next"), (F.LeadProfessionalName, "Lee Professional"), (F.LeadProfessional, LeadProfessionalEmail),
             .. Representatives.Select(r => (F.Partner(r.Key), r.Value)), (F.Referrer, ReferrerEmail)]);
        return await Click(BoardHarness.Coordinator, MeetingVerbs.ArrangeSave, caseId, ("page", "3"),
            (F.OtherRole(0), "Advocate"), (F.OtherEmail(0), "advocate@charity.example"));
    }

    /// <summary>A click as Teams sends it: the button's data and the card's inputs, merged.</summary>
    public Task<InvokeResponse> Click(string who, string verb, string caseId, params (string Key, string Value)[] data)
    {
        var json = new JsonObject { ["caseId"] = caseId };
        foreach (var (key, value) in data) json[key] = value;
        return Board.ClickAsync(who, verb, json);
    }

    public async Task<MeetingRow> MeetingAsync(string caseId) => MeetingRow.FromEntity(caseId, (await Board.Cases.GetRowAsync(caseId, MeetingRow.Row, default))!);

    public async Task<ActionsRow?> ActionsAsync(string caseId) =>
        await Board.Cases.GetRowAsync(caseId, ActionsRow.Row, default) is { } row ? ActionsRow.FromEntity(caseId, row) : null;

    public async Task<CaseStage> StageAsync(string caseId) => (await Board.Cases.GetAsync(caseId, default))!.Stage;

    public async Task<IReadOnlyList<CaseLogEntry>> LogAsync(string caseId) => await Board.Cases.GetLogAsync(caseId, default);

    /// <summary>What the case has queued to send (its outbox), newest last.</summary>
    public async Task<IReadOnlyList<OutboundMessage>> OutboxAsync(string caseId) => await Board.OutboxAsync(caseId);

    /// <summary>The outbox emptied, as the dispatcher would after sending, so a test sees only what comes next.</summary>
    public async Task ClearOutboxAsync(string caseId)
    {
        foreach (var row in await Board.Cases.GetRowsAsync(caseId, OutboxRow.Prefix, default))
            await Board.Table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
    }
}
