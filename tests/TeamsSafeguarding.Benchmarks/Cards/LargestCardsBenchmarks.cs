using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Conversations;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Benchmarks.Cards;

/// <summary>
/// The two biggest cards the bot sends, built the way the bot builds them (its own view mappers) and serialized as the
/// outbox stores them: the referral review page with all five risks and every long answer at its limit, and the
/// partners' card for eight agencies with full rationales and 60 refresh user ids.
/// </summary>
public class LargestCardsBenchmarks
{
    private static readonly DateOnly Today = new(2026, 3, 27);

    private ReferralDraft fullDraft = null!;
    private PartnersCards partnersCards = null!;
    private Case caseRecord = null!;
    private PartnersRow partnersRow = null!;
    private string memberKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        fullDraft = FullDraft();
        var board = EightAgencyBoard();
        memberKey = board.Partners[0].Members[0];
        // The members' Teams ids are only read from storage by LoadAsync, which building a card never calls.
        var teamsIds = new MemberTeamsIds(new ConversationStore(new Azure.Data.Tables.TableClient("UseDevelopmentStorage=true", "unused")), Options.Create(board));
        partnersCards = new PartnersCards(Options.Create(board), new BoardDirectory(Options.Create(board)), BoardSetup.DecisionRuleOf(board, ProcessProfile.Default), teamsIds, new FixedClock(new(2026, 3, 18, 9, 0, 0, TimeSpan.Zero)));
        var sent = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
        caseRecord = new Case
        {
            CaseId = "c0ffee00c0ffee00", Reference = "SAB-2026-0042", Stage = CaseStage.WithPartners, ReferrerKey = "referrer",
            ReferringAgency = "Adult Social Care", RiskBand = "High", CreatedAt = sent, UpdatedAt = sent,
        };
        var start = PartnersRow.Start(caseRecord.CaseId, sent,
            WorkingDayDeadlines.FromSent(sent, new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales)), notTriaged: false);
        partnersRow = start with
        {
            Views = [.. board.Partners.Take(7).Select((a, i) => AgencyView.First(new PartnerView(a.Id, a.Members[0],
                i % 2 == 0 ? PartnerChoice.MeetingRequired : PartnerChoice.NoMeeting, Text(PartnerView.MaxRationaleLength), sent.AddHours(i + 1), $"click-{i}")))],
        };

        Console.WriteLine($"// Review card: {ReviewCard_BuildAndSerialize().Length / 1024.0:0.0} KB of JSON; " +
                          $"partners card (member): {PartnersCard_ForMember_BuildAndSerialize().Length / 1024.0:0.0} KB.");
    }

    [Benchmark]
    public JsonObject ReviewCard_Build() => ReferralViews.Review("c0ffee00c0ffee00", fullDraft, Today).ToJson();

    [Benchmark]
    public string ReviewCard_BuildAndSerialize() => ReferralViews.Review("c0ffee00c0ffee00", fullDraft, Today).ToJson().ToJsonString();

    /// <summary>What the channel message holds (and what everyone outside the partner agencies sees).</summary>
    [Benchmark]
    public string PartnersCard_ReadOnly_BuildAndSerialize() => partnersCards.ReadOnly(caseRecord, partnersRow).ToJson().ToJsonString();

    /// <summary>A partner agency member's own card (refresh): the shared part plus their pre-filled view and button.</summary>
    [Benchmark]
    public string PartnersCard_ForMember_BuildAndSerialize() => partnersCards.For(memberKey, caseRecord, partnersRow).ToJson().ToJsonString();

    /// <summary>A complete referral with all five risks and every free-text answer as long as the form allows.</summary>
    private static ReferralDraft FullDraft()
    {
        var draft = ReferralDraft.Start(new RouteAnswers(false, false, false));
        for (var i = 1; i < ReferralForm.MaxRisks; i++) draft = draft.WithRiskAdded();
        var answers = new Dictionary<string, string>
        {
            [F.PersonName] = "Alex Example", [F.PersonDateOfBirth] = "1960-05-01", [F.PersonAddress] = "1 Test Street, Testtown",
            [F.PersonSystemReference] = "LAS-12345", [F.PersonNhsNumber] = "943 476 5919",
            [F.ReferrerName] = "Sam Worker", [F.ReferrerRole] = "Social worker", [F.ReferrerAgency] = "adult-social-care",
            [F.NeedsFromImpairment] = "true", [F.NeedsOutcomes] = "Nutrition,HabitableHome", [F.NeedsMostSignificantHarm] = "SelfNeglectAndHoarding",
            [F.CapacityAssessed] = "yes", [F.CapacityAssessedOn] = "2026-02-10", [F.CapacityConclusion] = "HasCapacity",
            [F.RefusesEssentialServices] = "yes", [F.RiskAssessmentLink] = "https://records.example.org/ra/1",
            [F.DailyLifeAreas] = "Nutrition,UsingTheHomeSafely", [F.Consent] = "Yes", [F.Article6] = "PublicTask",
            [F.Article9] = "SafeguardingIndividualsAtRisk", [F.ManagerAgreedOn] = "2026-03-20",
        };
        for (var n = 1; n <= ReferralForm.MaxRisks; n++)
        {
            answers[F.Risk(n, F.RiskPart.LikelihoodBefore)] = "5";
            answers[F.Risk(n, F.RiskPart.ImpactBefore)] = "5";
            answers[F.Risk(n, F.RiskPart.LikelihoodAfter)] = "3";
            answers[F.Risk(n, F.RiskPart.ImpactAfter)] = "4";
        }
        // Every other text answer at its maximum length: the worst case for the card's size.
        foreach (var field in ReferralForm.Sections.SelectMany(s => s.FieldsFor(ReferralForm.MaxRisks)))
            if (!answers.ContainsKey(field.Id) && field.Kind is FieldKind.Text or FieldKind.Multiline && field.Format == TextFormat.Plain)
                answers[field.Id] = Text(field.MaxLength ?? 200);
        foreach (var (id, value) in answers) draft = draft.With(id, value);
        return draft;
    }

    private static BoardOptions EightAgencyBoard() => new()
    {
        Name = "Example Safeguarding Adults Board",
        PartnersChannelId = "19:partners@thread.tacv2",
        Chairs = ["chair-key"],
        // Seven or eight reps per agency, all with Teams ids, so the card carries the full 60 refresh user ids.
        Partners = [.. Enumerable.Range(1, 8).Select(a => new AgencyOptions
        {
            Id = $"agency-{a}", Name = $"Statutory partner agency {a}",
            Members = [.. Enumerable.Range(1, 8).Select(m => $"29:1a{a}b{m}-member-teams-id-{Guid.NewGuid():N}")],
        })],
    };

    private static string Text(int length)
    {
        const string sentence = "The person continues to refuse care visits; the home is unsafe and the fire service has visited twice. ";
        return string.Concat(Enumerable.Repeat(sentence, length / sentence.Length + 1))[..length].Trim();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
