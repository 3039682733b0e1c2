using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Escalation.Partners;
using Azure.Data.Tables;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Tests.Support;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Cards;
using TeamsSafeguarding.Tests.Triage;
using Xunit;

namespace TeamsSafeguarding.Tests.Partners;

[Collection("Azurite")]
public sealed class PartnersFeatureTests(AzuriteFixture azurite)
{
    private BoardHarness _board = new(azurite.NewTable("partners"));

    private async Task<Case> SentToPartnersAsync()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        return record;
    }

    private Task<global::TeamsSafeguarding.Teams.InvokeResponse> ViewAsync(string member, string caseId, string choice, string rationale) =>
        _board.ClickAsync(member, "partners.view", new JsonObject { ["caseId"] = caseId, ["choice"] = choice, ["rationale"] = rationale });

    private async Task<PartnersRow> RowAsync(string caseId) =>
        PartnersRow.FromEntity((await _board.Cases.GetRowAsync(caseId, PartnersRow.Row, default))!);

    [Fact]
    public async Task Each_person_gets_their_own_card_on_refresh_and_the_shared_card_carries_no_reasons()
    {
        var record = await SentToPartnersAsync();
        var given = BoardHarness.CardOf(await ViewAsync("police-1", record.CaseId, "MeetingRequired", "Repeated call-outs"));
        var refresh = new JsonObject { ["caseId"] = record.CaseId };

        var member = BoardHarness.CardOf(await _board.ClickAsync("la-1", "partners.refresh", refresh));
        var otherAgency = BoardHarness.CardOf(await _board.ClickAsync("police-1", "partners.refresh", refresh));
        var outsider = BoardHarness.CardOf(await _board.ClickAsync(BoardHarness.Outsider, "partners.refresh", refresh));
        foreach (var card in new[] { given, member, otherAgency, outsider }) CardSchema.AssertValid(card);

        Assert.Contains("partners.view", member.ToJsonString());
        Assert.Contains("view (Local authority)", member.ToJsonString());
        Assert.Contains("case.details", member.ToJsonString()); // "View referral"
        // The police member's view is confirmed, with "Change my view" (which opens the form, pre-filled).
        foreach (var confirmed in new[] { given, otherAgency })
        {
            Assert.Contains("Your view for Police is recorded: Meeting required.", CardJsonQuery.AllText(confirmed));
            Assert.Equal(["partners.change", "case.details"], confirmed["actions"]!.AsArray().Select(a => (string)a!["verb"]!));
        }
        var changing = BoardHarness.CardOf(await _board.ClickAsync("police-1", "partners.change", refresh));
        Assert.Contains("view (Police)", changing.ToJsonString());
        Assert.Equal("MeetingRequired", CardJsonQuery.Objects(changing).Single(o => (string?)o["id"] == "choice")["value"]?.GetValue<string>());
        // Everyone else: the shared card, with its one button and no typed reason.
        Assert.DoesNotContain("partners.view", outsider.ToJsonString());
        Assert.DoesNotContain("Repeated call-outs", outsider.ToJsonString());
        Assert.Equal(["Open my view"], outsider["actions"]!.AsArray().Select(a => (string)a!["title"]!));
        var shared = (await _board.OutboxAsync(record.CaseId)).Where(m => m.Target.Kind is TargetKind.Channel or TargetKind.Update && m.Target.Id == PartnersCards.MessageKey || m.MessageKey == PartnersCards.MessageKey).ToList();
        Assert.NotEmpty(shared);
        Assert.All(shared, m => Assert.DoesNotContain("Repeated call-outs", BoardHarness.CardOf(m).ToJsonString()));
        // Refresh goes to members whose Teams id is known.
        Assert.Equal(["29:la-2"], member["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("partners.refresh", member["refresh"]!["action"]!["verb"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_reads_the_referral_from_their_card_only_once_it_is_sent_to_the_partners_and_each_read_is_logged()
    {
        var record = await _board.SeedReceivedAsync();
        await _board.Table.UpsertEntityAsync(TeamsSafeguarding.Referrals.DraftRow.Frozen(record.CaseId, 1,
            TeamsSafeguarding.Tests.Escalation.Referrals.Drafts.Complete(), _board.Clock.GetUtcNow()));
        var viewReferral = new JsonObject { ["caseId"] = record.CaseId };

        // In triage the partners do not see it.
        Assert.Equal(TeamsSafeguarding.Referrals.CaseDetails.NotYetWithPartners, BoardHarness.MessageOf(await _board.ClickAsync("police-1", "case.details", viewReferral)));

        await _board.ClickAsync(BoardHarness.Dbm, "triage.send", BoardHarness.AllChecks("Met", record.CaseId));
        var own = BoardHarness.CardOf(await _board.ClickAsync("police-1", "partners.refresh", viewReferral));
        var button = Assert.Single(CardJsonQuery.ExecuteActions(own), a => (string?)a["title"] == "View referral");
        var contents = BoardHarness.CardOf(await _board.ClickAsync("police-1", (string)button["verb"]!, button["data"]!.DeepClone().AsObject()));
        Assert.Contains("Read from the start", contents.ToJsonString());
        var page = BoardHarness.CardOf(await _board.ClickAsync("police-1", "case.details", new JsonObject { ["caseId"] = record.CaseId, ["page"] = 1 }));
        Assert.Contains("Alex Example", page.ToJsonString());

        var reads = (await _board.Cases.GetLogAsync(record.CaseId, default)).Where(l => l.Action == CaseActions.DetailsViewed).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(("police-1", "PartnerRep", "Police"), (r.ActorKey, r.ActorRole, r.ActorAgency)));
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.AccessRefused && l.ActorKey == "police-1");
    }

    [Fact]
    public async Task Only_partner_members_can_give_a_view()
    {
        var record = await SentToPartnersAsync();
        var message = BoardHarness.MessageOf(await ViewAsync(BoardHarness.Dbm, record.CaseId, "NoMeeting", "x"));
        Assert.StartsWith("Only members of the statutory partner agencies", message);
        Assert.Empty((await RowAsync(record.CaseId)).Views);
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.AccessRefused && l.ActorKey == BoardHarness.Dbm);
    }

    [Fact]
    public async Task A_view_without_a_reason_is_refused_on_the_card()
    {
        var record = await SentToPartnersAsync();
        var card = BoardHarness.CardOf(await ViewAsync("la-1", record.CaseId, "NoMeeting", " "));
        CardSchema.AssertValid(card);
        Assert.Contains("Please give the reason", card.ToJsonString());
        Assert.Empty((await RowAsync(record.CaseId)).Views);
    }

    [Fact]
    public async Task Two_of_three_agreeing_decide_early_then_the_third_view_is_kept_as_late_and_changes_nothing()
    {
        var record = await SentToPartnersAsync();
        var first = BoardHarness.CardOf(await ViewAsync("la-1", record.CaseId, "MeetingRequired", "Escalating self-neglect"));
        CardSchema.AssertValid(first);
        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);

        _board.Clock.Advance(TimeSpan.FromHours(3));
        var second = BoardHarness.CardOf(await ViewAsync("police-1", record.CaseId, "MeetingRequired", "Repeated call-outs"));
        CardSchema.AssertValid(second);
        Assert.DoesNotContain("partners.view", second.ToJsonString());
        Assert.Contains("Decision: Meeting required", second.ToJsonString());

        Assert.Equal(CaseStage.MeetingRequired, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var row = await RowAsync(record.CaseId);
        Assert.Equal(global::TeamsSafeguarding.Escalation.Partners.DecisionMethod.EarlyMajority, row.Method);
        var log = await _board.Cases.GetLogAsync(record.CaseId, default);
        var decided = Assert.Single(log, l => l.Action == CaseActions.Decided);
        Assert.Contains("EarlyMajority", decided.Detail);
        Assert.Contains("MeetingRequired", decided.Detail);
        Assert.DoesNotContain(log, l => (l.Detail ?? "").Contains("call-outs") || (l.Detail ?? "").Contains("self-neglect"));
        Assert.Equal(2, log.Count(l => l.Action == CaseActions.ViewGiven));

        var outbox = await _board.OutboxAsync(record.CaseId);
        var toReferrer = Assert.Single(outbox, m => m.Target == DeliveryTarget.ToUser(BoardHarness.Referrer));
        CardSchema.AssertValid(BoardHarness.CardOf(toReferrer));
        Assert.Single(outbox, m => m.Target == DeliveryTarget.ToChannel(BoardHarness.CoordinatorsChannel));
        var updates = outbox.Where(m => m.Target == DeliveryTarget.UpdateOf(PartnersCards.MessageKey)).ToList();
        Assert.Equal(2, updates.Count);
        foreach (var update in updates) CardSchema.AssertValid(BoardHarness.CardOf(update));

        // The remaining agency's view after the early majority: recorded as late, shown, and the decision stands.
        var late = BoardHarness.CardOf(await ViewAsync("icb-1", record.CaseId, "NoMeeting", "Late"));
        Assert.Contains("Your view for NHS integrated care board is recorded: No meeting (email review / further single-agency work required) (a late view, after the decision).",
            CardJsonQuery.AllText(late));
        var row2 = await RowAsync(record.CaseId);
        Assert.Equal(3, row2.Views.Count);
        Assert.True(row2.Views.Single(v => v.Current.AgencyId == "icb").Late);
        Assert.Equal((PartnerChoice.MeetingRequired, DecisionMethod.EarlyMajority), (row2.Outcome, row2.Method));
        Assert.Equal(CaseStage.MeetingRequired, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
        var lateLog = Assert.Single(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.LateViewGiven);
        Assert.Equal("NHS integrated care board: NoMeeting (after the decision; not counted)", lateLog.Detail);
        var sharedNow = BoardHarness.CardOf(Assert.Single(await _board.OutboxAsync(record.CaseId),
            m => m.Target == DeliveryTarget.UpdateOf(PartnersCards.MessageKey) && CardJsonQuery.AllText(BoardHarness.CardOf(m)).Contains("(late, after the decision)")));
        Assert.Contains("No meeting (email review / further single-agency work required) (late, after the decision)", CardJsonQuery.AllText(sharedNow));
        Assert.Contains("2 of 3", CardJsonQuery.AllText(sharedNow));
        Assert.DoesNotContain("Late", CardJsonQuery.AllText(sharedNow).Replace("late, after", "")); // its reason stays out

        // An agency whose view made the decision cannot change it.
        var change = BoardHarness.MessageOf(await ViewAsync("la-1", record.CaseId, "NoMeeting", "Changed my mind"));
        Assert.Contains("already been made", change);
        Assert.Contains(await _board.Cases.GetLogAsync(record.CaseId, default), l => l.Action == CaseActions.ViewRefused);
    }

    [Fact]
    public async Task The_same_click_delivered_twice_is_recorded_once()
    {
        var record = await SentToPartnersAsync();
        var data = new JsonObject { ["caseId"] = record.CaseId, ["choice"] = "NoMeeting", ["rationale"] = "Single-agency work" };
        await _board.ClickAsync("la-1", "partners.view", data, activityId: "activity-1");
        await _board.ClickAsync("la-1", "partners.view", data, activityId: "activity-1");
        Assert.Single((await RowAsync(record.CaseId)).Views);
    }

    [Fact]
    public async Task Twenty_views_given_at_once_are_all_kept()
    {
        var members = Enumerable.Range(1, 20).Select(i => $"member-{i}").ToList();
        // Without early decision every view counts until the deadline, so none is refused.
        _board = new BoardHarness(azurite.NewTable("parallel"), profile: ProcessProfile.Default with { EarlyDecision = false }, configure: board =>
        {
            board.Partners =
            [
                new() { Id = "la", Name = "Local authority", Members = members.Take(7).ToList() },
                new() { Id = "police", Name = "Police", Members = members.Skip(7).Take(7).ToList() },
                new() { Id = "icb", Name = "NHS integrated care board", Members = members.Skip(14).ToList() },
            ];
        });
        var record = await SentToPartnersAsync();

        var answers = await Task.WhenAll(members.Select((m, i) => Task.Run(() =>
            ViewAsync(m, record.CaseId, i % 2 == 0 ? "MeetingRequired" : "NoMeeting", $"Reason {i}"))));

        Assert.All(answers, a => CardSchema.AssertValid(BoardHarness.CardOf(a)));
        var row = await RowAsync(record.CaseId);
        // One current view per agency, given by one of its members; every view is counted and logged.
        Assert.Equal([7, 7, 6], row.Views.OrderBy(v => v.Current.AgencyId == "icb").Select(v => v.Times));
        Assert.All(row.Views, v => Assert.Contains(v.Current.MemberId, members));
        Assert.Equal(20, (await _board.Cases.GetLogAsync(record.CaseId, default)).Count(l => l.Action == CaseActions.ViewGiven));
        Assert.Equal(CaseStage.WithPartners, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
    }

    [Fact]
    public async Task A_view_changed_a_thousand_times_with_long_reasons_cannot_jam_the_case()
    {
        var record = await SentToPartnersAsync();
        var reason = new string('r', PartnerView.MaxRationaleLength - 8);

        for (var i = 0; i < 1000; i++)
        {
            var answer = await ViewAsync("la-1", record.CaseId, i % 2 == 0 ? "MeetingRequired" : "NoMeeting", $"{reason} {i:0000}");
            Assert.Equal(InvokeResponse.CardType, answer.Body?["type"]?.GetValue<string>());
        }

        // One view kept for the agency, the thousand changes in the log, and the row nowhere near Table Storage's limit.
        var entity = (await _board.Cases.GetRowAsync(record.CaseId, PartnersRow.Row, default))!;
        var row = PartnersRow.FromEntity(entity);
        Assert.Equal(1000, Assert.Single(row.Views).Times);
        Assert.True(StoredSize(entity) < 32 * 1024, $"The partners row holds {StoredSize(entity)} characters.");
        Assert.Equal(1000, (await _board.Cases.GetLogAsync(record.CaseId, default)).Count(l => l.Action == CaseActions.ViewGiven));

        // The case still works: the police agree with the local authority's last view, and that decides.
        var deciding = await ViewAsync("police-1", record.CaseId, "NoMeeting", "Agree");
        Assert.Equal(InvokeResponse.CardType, deciding.Body?["type"]?.GetValue<string>());
        Assert.Equal(CaseStage.NoMeeting, (await _board.Cases.GetAsync(record.CaseId, default))!.Stage);
    }

    [Fact]
    public async Task A_reason_over_the_limit_is_refused_next_to_the_field_and_nothing_is_stored()
    {
        var record = await SentToPartnersAsync();

        var card = BoardHarness.CardOf(await ViewAsync("la-1", record.CaseId, "NoMeeting", new string('x', PartnerView.MaxRationaleLength + 1)));

        Assert.Contains($"Please keep the reason to {PartnerView.MaxRationaleLength} characters.", card.ToJsonString());
        Assert.Empty((await RowAsync(record.CaseId)).Views);
    }

    private static int StoredSize(TableEntity entity) => entity.Sum(p => p.Value?.ToString()?.Length ?? 0);

    private static JsonObject? FindInput(JsonObject card, string id) =>
        card["body"]!.AsArray().OfType<JsonObject>().FirstOrDefault(e => e["id"]?.GetValue<string>() == id);
}
