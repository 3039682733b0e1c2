using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// A case goes to the statutory partners (after triage, or again after a review found the plan not working): a fresh
/// partners row with its deadlines from today, the deadline sweep's first visit, and the partners' card in their channel.
/// </summary>
public sealed class PartnersRound(PartnersCards cards, PartnersClock clocks, IOptions<BoardOptions> board, ProcessProfile profile, WorkingDayCalendar calendar)
{
    public PartnersRow Start(CaseWrites writes, Case record, bool notTriaged)
    {
        var partners = PartnersRow.Start(record.CaseId, writes.Now, profile.PartnerDeadlines(writes.Now, calendar), notTriaged);
        writes.Put(partners.ToEntity());
        if (clocks.NextDue(partners, writes.Now) is { } due) writes.Schedule(PartnersClock.Kind, due);
        if (!string.IsNullOrWhiteSpace(board.Value.PartnersChannelId))
            writes.Send(cards.FirstPost(board.Value.PartnersChannelId!, record, partners));
        return partners;
    }
}
