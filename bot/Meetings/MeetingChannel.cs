using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Meetings;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Outbox;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// What the coordinators' channel shows of a case's review meeting: the one meeting card (posted once, then updated in
/// place at every step) and short notices. Built from the rows; stage, list values, counts and dates only.
/// </summary>
public sealed class MeetingChannel(IOptions<BoardOptions> board, IOptions<GraphOptions> graph, InvitationLinks links,
    FollowUpSchedule schedule)
{
    private string? Channel => string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId) ? null : board.Value.CoordinatorsChannelId;

    public bool UsesCalendar(MeetingRow meeting) => graph.Value.Enabled && meeting.CalendarProblem is null;

    /// <summary>The meeting card as the case now stands: posted the first time (the row records it), updated in place after.</summary>
    public MeetingRow Show(CaseWrites writes, Case record, MeetingRow meeting, ActionsRow? actions, string? status = null)
    {
        if (Channel is not { } channel || meeting.Arrangement is null) return meeting;
        var card = Replies.Card(MeetingCard.Build(Input(record, meeting, actions, writes.Now, status)).ToJson());
        writes.Send(meeting.CardPosted
            ? new OutboundMessage(DeliveryTarget.UpdateOf(MeetingRow.CardKey), card)
            : new OutboundMessage(DeliveryTarget.ToChannel(channel), card, MeetingRow.CardKey));
        return meeting with { CardPosted = true };
    }

    /// <summary>The card posted again as a new message (the "case" command), under the same key so updates follow it.</summary>
    public OutboundMessage Repost(string channelId, Case record, MeetingRow meeting, ActionsRow? actions, DateTimeOffset now) =>
        new(DeliveryTarget.ToChannel(channelId), Replies.Card(MeetingCard.Build(Input(record, meeting, actions, now)).ToJson()), MeetingRow.CardKey);

    public void Notice(CaseWrites writes, MeetingNoticeInput notice)
    {
        if (Channel is { } channel)
            writes.Send(new OutboundMessage(DeliveryTarget.ToChannel(channel), Replies.Card(MeetingNoticeCard.Build(notice).ToJson())));
    }

    public MeetingCardInput Input(Case record, MeetingRow meeting, ActionsRow? actions, DateTimeOffset now, string? status = null)
    {
        var arrangement = meeting.Arrangement!;
        var booking = meeting.Booking is { Status: not BookingStatus.Cancelled } b ? b : null;
        var calendar = booking switch
        {
            { Status: BookingStatus.Requested } => "Booking in the organiser's calendar…",
            { Status: BookingStatus.Moving } => "Moving it in the organiser's calendar…",
            { Status: BookingStatus.Cancelling } => "Cancelling it in the organiser's calendar…",
            { Mode: CalendarMode.Graph } => "Teams meeting in the organiser's calendar; invitations sent",
            { Mode: CalendarMode.InvitationFile } => "No calendar invitations sent: share the invitation file",
            _ when UsesCalendar(meeting) => meeting.Times is null ? "Free times to be looked up" : $"{meeting.Times.Slots.Count} free time(s) found",
            _ => "Calendar booking not set up: the time is recorded here",
        };
        var (accepted, tentative, declined, waiting) = meeting.ResponseCounts();
        var open = actions?.Actions.Where(a => !a.IsDone).ToList() ?? [];
        var done = actions?.Actions.Count(a => a.IsDone) ?? 0;
        return new MeetingCardInput(record.CaseId, record.ReferenceOrId, CaseStageWords.Display(record.Stage), arrangement.Lead.Name,
            arrangement.Invitees.Count, booking is { Status: not BookingStatus.Requested } ? booking.Time.Words : null, calendar)
        {
            Answers = meeting.Responses is null ? null : $"{accepted} accepted, {tentative} tentative, {declined} declined, {waiting} not yet",
            Actions = actions is null || actions.Actions.Count == 0 ? null
                : $"{actions.Actions.Count} ({done} done, {open.Count(a => schedule.IsOverdue(a.Action, now))} overdue)",
            ReviewDate = actions?.ReviewDate is { } review ? DisplayDate.Of(review) : null,
            Problem = meeting.CalendarProblem,
            Status = status,
            JoinUrl = booking?.JoinUrl is { } join && Uri.TryCreate(join, UriKind.Absolute, out var joinUri) && joinUri.Scheme == Uri.UriSchemeHttps ? joinUri : null,
            InvitationUrl = booking?.Mode == CalendarMode.InvitationFile ? links.For(record.CaseId, booking.InvitationToken) : null,
            Buttons = record.Stage switch
            {
                CaseStage.Arranging => MeetingCardButtons.ChooseTime,
                CaseStage.MeetingBooked => MeetingCardButtons.Booked,
                CaseStage.MeetingHeld => MeetingCardButtons.Recording,
                CaseStage.MonitoringActions or CaseStage.Closed or CaseStage.WithPartners or CaseStage.MeetingRequired => MeetingCardButtons.Monitoring,
                CaseStage.ReviewDue => MeetingCardButtons.ReviewDue,
                _ => MeetingCardButtons.None,
            },
        };
    }
}
