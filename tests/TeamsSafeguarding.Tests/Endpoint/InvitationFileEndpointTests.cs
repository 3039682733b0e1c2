using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>GET /meetings/{caseId}/invitation/{token}.ics on the real host: the file with the right token, a 404 otherwise, each download logged.</summary>
[Collection("Azurite")]
public sealed class InvitationFileEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private readonly string caseId = CaseStore.NewCaseId();
    private TestBotHost host = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        host = TestBotHost.Start(azurite);
        http = host.CreateClient();
        var at = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var record = new Case
        {
            CaseId = caseId, Reference = "SAB-2026-0042", Stage = CaseStage.MeetingBooked, ReferrerKey = "referrer-1", Version = 1,
            CreatedAt = at, UpdatedAt = at,
        };
        var time = new MeetingTime(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 4, 11, 30, 0, TimeSpan.Zero));
        var meeting = MeetingRow.Start(caseId) with
        {
            Arrangement = new Arrangement(new LeadAgency("police", "Police", true), null, new Organiser("Olive Organiser", "olive@police.example"),
                [new Invitee(InviteeRole.StatutoryPartner, "la.rep@council.example", AgencyId: "la")]),
            Booking = new Booking(time, CalendarMode.InvitationFile, BookingStatus.Booked, InvitationToken: Token, Sequence: 2),
        };
        var table = host.Services.GetRequiredService<TableClient>();
        await table.UpsertEntityAsync(CaseRow.ToEntity(record));
        await table.UpsertEntityAsync(meeting.ToEntity());
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task The_file_is_served_with_its_token_holds_nothing_personal_and_the_download_is_logged()
    {
        using var response = await http.GetAsync($"meetings/{caseId}/invitation/{Token}.ics");
        var ics = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("review-meeting-SAB-2026-0042.ics", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Contains("SUMMARY:Senior management review - SAB-2026-0042", ics);
        Assert.Contains("SEQUENCE:2", ics);
        Assert.Contains("DTSTART:20260304T100000Z", ics);
        Assert.DoesNotContain("@", ics.Replace("@teams-safeguarding", ""));
        Assert.DoesNotContain("Olive", ics);
        var log = await host.Services.GetRequiredService<CaseStore>().GetLogAsync(caseId, default);
        var line = Assert.Single(log, l => l.Action == CaseActions.InvitationDownloaded);
        Assert.Equal(("invitation-link", "Meeting 1, version 2"), (line.ActorKey, line.Detail));
    }

    [Theory]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    [InlineData("short")]
    public async Task A_wrong_token_or_case_is_a_plain_404_and_logs_nothing(string token)
    {
        using var wrongToken = await http.GetAsync($"meetings/{caseId}/invitation/{token}.ics");
        using var wrongCase = await http.GetAsync($"meetings/{CaseStore.NewCaseId()}/invitation/{Token}.ics");
        using var notACase = await http.GetAsync($"meetings/..%2F..%2Fcase/invitation/{Token}.ics");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { wrongToken.StatusCode, wrongCase.StatusCode, notACase.StatusCode });
        Assert.Empty(await host.Services.GetRequiredService<CaseStore>().GetLogAsync(caseId, default));
    }
}
