using System.Security.Cryptography;
using System.Text;
using Azure;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// GET /meetings/{caseId}/invitation/{token}.ics: the invitation file of a meeting booked without a calendar (item 5).
/// No sign-in (calendar apps fetch it as a link), so the token must match the booking's (compared in constant time) and
/// the file holds no personal data. Each download is in the case log. Anything wrong is a 404; storage being down a 503.
/// </summary>
public static class InvitationEndpoint
{
    private static readonly CaseActor Link = new("invitation-link", "Anyone with the invitation link");

    public static WebApplication MapMeetingInvitations(this WebApplication app)
    {
        app.MapGet("/meetings/{caseId}/invitation/{token}.ics", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string caseId, string token, CaseCommands commands, TimeProvider clock, CancellationToken ct)
    {
        if (!CaseStore.IsCaseId(caseId) || token.Length != 32) return Results.NotFound();
        try
        {
            var file = await commands.RunAsync<(string Reference, string Ics)?>(caseId, Link, [MeetingRow.Row], (f, writes) =>
            {
                if (f.Row(MeetingRow.Row) is not { } row) return null;
                var meeting = MeetingRow.FromEntity(caseId, row);
                if (meeting.Booking is not { Mode: CalendarMode.InvitationFile, InvitationToken: { } expected } booking
                    || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token)))
                    return null;
                writes.Log(CaseActions.InvitationDownloaded, $"Meeting {meeting.Cycle}, version {booking.Sequence}");
                return (f.Case.ReferenceOrId, InvitationFile.Of(caseId, f.Case.ReferenceOrId, meeting.Cycle, booking.Time, booking.Sequence,
                    booking.Status == BookingStatus.Cancelled, clock.GetUtcNow()));
            }, () => null, ct);
            return file is { } found
                ? Results.File(Encoding.UTF8.GetBytes(found.Ics), InvitationFile.ContentType, $"review-meeting-{found.Reference}.ics")
                : Results.NotFound();
        }
        catch (RequestFailedException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }
}
