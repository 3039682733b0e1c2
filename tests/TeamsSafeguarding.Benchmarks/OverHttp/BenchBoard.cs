using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Triage;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>
/// The board the benchmark's bots serve, given to each as configuration (the same for every build), and the
/// activities its people send: practitioners click in their personal chats, the deputy board manager on the triage
/// card in the coordinators' channel, partner members on the partners' card in theirs. Activities are shaped like the
/// Agents Playground's (tests/TeamsSafeguarding.Tests/Fixtures/playground), pointed at the local connector.
/// </summary>
public sealed class BenchBoard(string serviceUrl)
{
    public const string Tenant = "00000000-0000-0000-0000-0000000000001";
    public const string Team = "19:bench-team@thread.tacv2";
    public const string CoordinatorsChannel = "19:bench-coordinators@thread.tacv2";
    public const string PartnersChannel = "19:bench-partners@thread.tacv2";
    public const string Dbm = "bench-dbm";
    public const string Chair = "bench-chair";
    public const int MembersPerAgency = 4;
    public static readonly string[] Agencies = ["la", "police", "icb"];

    public static string AgencyName(string agency) => agency switch { "la" => "Local authority", "police" => "Police", _ => "NHS integrated care board" };

    public static string Member(string agency, int n) => $"bench-{agency}-{n}";

    public static string Referrer(int n) => $"bench-referrer-{n}";

    /// <summary>
    /// Configuration for every bot: the people above, logging at Warning (console logging at Debug would measure the
    /// console), and no early decision, so every view is stored and none is refused as "already decided".
    /// </summary>
    public static Dictionary<string, string> Settings(string storageConnectionString, string table)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:TableName"] = table,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:TeamsSafeguarding"] = "Warning",
            ["Bot:MicrosoftAppId"] = "",
            ["Bot:AllowedTenantIds:0"] = Tenant,
            ["Board:CoordinatorsChannelId"] = CoordinatorsChannel,
            ["Board:PartnersChannelId"] = PartnersChannel,
            ["Board:Coordinators:0"] = Dbm,
            ["Board:DeputyBoardManagers:0"] = Dbm,
            ["Board:Chairs:0"] = Chair,
            // Early decision off, so views are stored rather than refused once two agencies agree: the key moved into the
            // process profile, and both are set so a build from before that move is measured the same way.
            ["Board:EarlyDecision"] = "false",
            ["Board:Process:EarlyDecision"] = "false",
        };
        for (var a = 0; a < Agencies.Length; a++)
        {
            settings[$"Board:Partners:{a}:Id"] = Agencies[a];
            settings[$"Board:Partners:{a}:Name"] = AgencyName(Agencies[a]);
            for (var m = 0; m < MembersPerAgency; m++) settings[$"Board:Partners:{a}:Members:{m}"] = Member(Agencies[a], m);
        }
        return settings;
    }

    /// <summary>A practitioner's click in their personal chat.</summary>
    public string PersonalClick(string userKey, string verb, JsonObject data) =>
        Click(userKey, verb, data, new JsonObject
        {
            ["conversationType"] = "personal", ["tenantId"] = Tenant, ["id"] = "a:bench-personal-" + userKey,
        }, new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } });

    /// <summary>A click on a card posted in a channel: the conversation is the card's thread.</summary>
    public string ChannelClick(string userKey, string channel, string verb, JsonObject data) =>
        Click(userKey, verb, data, new JsonObject
        {
            ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = Tenant, ["id"] = channel + ";messageid=1795421919087",
        }, new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = Tenant },
            ["team"] = new JsonObject { ["id"] = Team },
            ["channel"] = new JsonObject { ["id"] = channel },
        });

    private string Click(string userKey, string verb, JsonObject data, JsonObject conversation, JsonObject channelData) =>
        new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["from"] = new JsonObject { ["id"] = "29:" + userKey, ["name"] = "Bench " + userKey, ["aadObjectId"] = userKey },
            ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "Safeguarding Bot" },
            ["conversation"] = conversation,
            ["channelData"] = channelData,
            ["locale"] = "en-GB",
            ["replyToId"] = "1795421919082",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Go", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            },
        }.ToJsonString();

    public static JsonObject RouteAnswers() => new()
    {
        [RouteCheck.UrgentRiskFieldId] = "no",
        [RouteCheck.ProfessionalDisagreementFieldId] = "no",
        [RouteCheck.LacksCapacityFieldId] = "no",
    };

    /// <summary>The data of "Next" on a section of the form, with the answer to each of its inputs this referral has.</summary>
    public static JsonObject Answer(JsonObject next, IReadOnlyList<string> inputIds)
    {
        foreach (var id in inputIds)
            if (Answers.TryGetValue(id, out var value)) next[id] = value;
        return next;
    }

    public static JsonObject TriageAllMet(string caseId)
    {
        var data = new JsonObject { ["caseId"] = caseId };
        foreach (var check in TriageChecklist.All) data[check.FieldId] = TriageCard.Met;
        return data;
    }

    /// <summary>A view: the choice alternates, so each view after a member's first is a change of mind.</summary>
    public static JsonObject View(string caseId, int sequence, bool meeting) => new()
    {
        ["caseId"] = caseId,
        [PartnersCard.ChoiceId] = meeting ? PartnersCard.MeetingRequired : PartnersCard.NoMeeting,
        [PartnersCard.RationaleId] = $"Bench reason {Token(sequence)}",
    };

    /// <summary>Marks a view's rationale, which the shared card shows, so the card's state can be recognised.</summary>
    public static string Token(int sequence) => $"benchv{sequence:D7}";

    /// <summary>A complete referral (fictional), as the tests' complete draft.</summary>
    private static readonly Dictionary<string, string> Answers = new()
    {
        [F.PersonName] = "Alex Example",
        [F.PersonDateOfBirth] = "1960-05-01",
        [F.PersonAddress] = "1 Test Street, Testtown",
        [F.PersonSystemReference] = "LAS-12345",
        [F.PersonNhsNumber] = "943 476 5919",
        [F.ReferrerName] = "Sam Worker",
        [F.ReferrerRole] = "Social worker",
        // A value from the board's standard list (main after b9e4824 takes only those); builds before that take any text.
        [F.ReferrerAgency] = "adult-social-care",
        [F.NeedsDescription] = "Needs help with daily living.",
        [F.NeedsFromImpairment] = "true",
        [F.NeedsOutcomes] = "Nutrition,HabitableHome",
        [F.NeedsMostSignificantHarm] = "SelfNeglectAndHoarding",
        [F.HarmDescription] = "The home is a fire risk and meals are missed.",
        [F.CapacityDecision] = "Whether to accept care at home",
        [F.CapacityAssessed] = "yes",
        [F.CapacityAssessedOn] = "2026-02-10",
        [F.CapacityAssessedBy] = "Dr A, psychiatrist",
        [F.CapacityConclusion] = "HasCapacity",
        [F.CapacityEvidence] = "Understood, retained and weighed the information.",
        [F.PersonsViews] = "Wants to stay at home and be left alone.",
        [F.RefusesEssentialServices] = "yes",
        [F.RefusedServices] = "Refuses home care visits.",
        [F.AgenciesInvolved] = "ASC, GP, police",
        [F.MeetingsHeld] = "Three MARM meetings since October",
        [F.LeadProfessional] = "Jo Lead, social worker, Adult Social Care",
        [F.RiskAssessmentTool] = "MARM risk tool",
        [F.RiskAssessmentLink] = "https://records.example.org/ra/1",
        [F.Risk(1, F.RiskPart.Worries)] = "Fire risk from hoarding",
        [F.Risk(1, F.RiskPart.WorkingWell)] = "Engages with GP",
        [F.Risk(1, F.RiskPart.ActionsTaken)] = "Fire service visit",
        [F.Risk(1, F.RiskPart.LikelihoodBefore)] = "5",
        [F.Risk(1, F.RiskPart.ImpactBefore)] = "5",
        [F.Risk(1, F.RiskPart.LikelihoodAfter)] = "3",
        [F.Risk(1, F.RiskPart.ImpactAfter)] = "4",
        [F.NoFurtherInterventions] = "All options offered have been refused.",
        // Asked by builds before the twelve-step form (b9e4824); later builds have no such field.
        ["dailyLife.areas"] = "Nutrition,UsingTheHomeSafely",
        [F.SharingAgencies] = "GP, police",
        [F.SituationOfConcern] = "Long-standing self-neglect.",
        [F.CriteriaSignificantHarm] = "true",
        [F.CriteriaWellKnown] = "true",
        [F.CriteriaNoPlan] = "true",
        [F.CriteriaPartnerBelieves] = "true",
        [F.Consent] = "Yes",
        [F.Article6] = "PublicTask",
        [F.Article9] = "SafeguardingIndividualsAtRisk",
        [F.ManagerName] = "Pat Senior",
        [F.ManagerRole] = "Head of service",
        [F.ManagerAgency] = "Adult Social Care",
        [F.ManagerAgreedOn] = "2026-03-20",
        [F.ManagerTriedEverything] = "true",
    };
}
