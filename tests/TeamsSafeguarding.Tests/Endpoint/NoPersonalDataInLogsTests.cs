using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Tests.Operations;
using TeamsSafeguarding.Tests.Referrals;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// Every log line the real host writes (every category, Trace up, with exceptions and scopes), and every span and
/// metric its telemetry exports, while people install the bot, ask for help, type about someone and raise a whole
/// referral: none carries what they typed or who they are.
/// </summary>
[Collection("Azurite")]
public sealed class NoPersonalDataInLogsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PractitionerName = "Ophelia Pennywhistle";
    private const string PersonName = "Zebedee Quibblesworth";
    private const string DateOfBirth = "1938-07-14";
    private const string Address = "17 Tollgate Mews";
    private const string Narrative = "SECRETNARRATIVE";

    private static readonly string[] Personal = [PractitionerName, "Pennywhistle", PersonName, "Quibblesworth", "Zebedee",
        DateOfBirth, "14/07/1938", "14 Jul 1938", "Tollgate", Narrative, "MANAGERNAME", "REFERRERNAME", "NHSNUMBER-9434765919", "9434765919"];

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly TelemetryCapture telemetry = new();
    private BotUnderTest bot = null!;

    public async Task InitializeAsync() => bot = await BotUnderTest.StartAsync(azurite,
        configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            telemetry.AddTo(services);
        });

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
        telemetry.Dispose();
    }

    [Fact]
    public async Task No_log_line_carries_a_name_a_date_of_birth_an_address_or_typed_text()
    {
        await PeopleUseTheBotAsync();

        var logs = bot.Logs.Entries;
        Assert.Contains(logs, e => e.Category.StartsWith("Microsoft.AspNetCore") && e.Level <= LogLevel.Debug);
        Assert.Contains(logs, e => e.Category.StartsWith("TeamsSafeguarding") && e.Message.Contains("submitted"));
        Assert.Empty(Leaks(logs));
    }

    [Fact]
    public async Task No_span_or_metric_carries_a_name_a_date_of_birth_an_address_or_typed_text()
    {
        await PeopleUseTheBotAsync();

        var spans = telemetry.Spans;
        Assert.Contains(spans, s => s.Source.Name == BotTelemetry.Name && s.DisplayName == "bot invoke");
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(spans, s => s.Source.Name == "System.Net.Http");
        var measurements = telemetry.Measurements();
        Assert.Contains(measurements, m => m.Instrument == "safeguarding.invokes");
        var exported = spans.Select(Describe).Concat(measurements.Select(m => $"{m.Instrument} {string.Join(" ", m.Tags)}"));
        Assert.DoesNotContain(exported, text => Personal.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase))
                                                || text.Replace(" ", "").Contains("9434765919"));
    }

    /// <summary>Everything an exporter sends about a span: names, status, every attribute, event and link.</summary>
    private static string Describe(System.Diagnostics.Activity span) => string.Join("\n",
        new[] { span.Source.Name, span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}")));

    /// <summary>Installed in the personal chat, help, a message about someone, and a whole referral submitted.</summary>
    private async Task PeopleUseTheBotAsync()
    {
        var wait = TimeSpan.FromSeconds(60);

        // Installed in the personal chat: the welcome card.
        var install = AsPractitioner(bot.Fixture("installationUpdate-add-personal.json"));
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(install)).StatusCode);
        await bot.Connector.WaitForCallAsync(c => c.Body?.ToJsonString().Contains("Welcome") == true, wait);

        // Help, and something the bot does not understand that names the person.
        await PostAsync(bot.PersonalMessage("help"));
        await PostAsync(bot.PersonalMessage($"{PersonName} of {Address} born {DateOfBirth}: {Narrative}"));

        // The whole referral: refer, the route check, every section, submit.
        await PostAsync(bot.PersonalMessage("refer"));
        var section = await ClickAsync(ReferralVerbs.Route, ReferralsHarness.RouteAnswers());
        var caseId = ReferralsHarness.CaseIdOn(section);
        var draft = Answers();
        foreach (var step in ReferralForm.Sections)
        {
            var data = new JsonObject { [ReferralVerbs.CaseIdKey] = caseId, [ReferralVerbs.StepKey] = step.Id };
            foreach (var field in step.FieldsFor(draft.RiskCount)) data[field.Id] = draft.Get(field.Id);
            section = await ClickAsync(ReferralVerbs.Next, data);
        }
        Assert.Contains(Quibble, section.ToJsonString()); // the review card shows what was typed
        var confirmation = await ClickAsync(ReferralVerbs.Submit, new JsonObject { [ReferralVerbs.CaseIdKey] = caseId });
        Assert.Contains("SAB-", confirmation.ToJsonString());
        await bot.Connector.WaitForCallAsync(c => c.Operation == ConnectorOperation.CreateConversation, wait);
        await bot.OutboxDrainedAsync();
    }

    [Fact]
    public void The_check_finds_personal_data_in_a_message_an_exception_or_a_scope()
    {
        var log = bot.Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TeamsSafeguarding.Canary");

        log.LogDebug("Nothing here");
        Assert.Empty(Leaks(bot.Logs.Entries.Where(e => e.Category == "TeamsSafeguarding.Canary")));
        log.LogInformation("Value {Value}", PersonName);
        log.LogWarning(new InvalidOperationException(Address), "Failed");
        using (log.BeginScope(new Dictionary<string, object> { ["Draft"] = Narrative })) log.LogDebug("Inside");

        Assert.Equal(3, Leaks(bot.Logs.Entries.Where(e => e.Category == "TeamsSafeguarding.Canary")).Count);
    }

    private const string Quibble = "Quibblesworth";

    private static ReferralDraft Answers() => Drafts.With(Drafts.Complete(),
        (F.PersonName, PersonName),
        (F.PersonDateOfBirth, DateOfBirth),
        (F.PersonAddress, Address + ", Quibbleton"),
        (F.PersonNhsNumber, "943 476 5919"),
        (F.ReferrerName, "REFERRERNAME " + PractitionerName),
        (F.ManagerName, "MANAGERNAME Pat"),
        (F.NeedsDescription, Narrative + " needs"),
        (F.SituationOfConcern, Narrative + " situation"),
        (F.RefusedServices, Narrative + " refused"),
        (F.Risk(1, F.RiskPart.Worries), Narrative + " worries"));

    private static List<CapturedLog> Leaks(IEnumerable<CapturedLog> logs) =>
        logs.Where(e => Personal.Any(p => e.Text.Contains(p, StringComparison.OrdinalIgnoreCase))
                        || e.Text.Replace(" ", "").Contains("9434765919")).ToList();

    private static JsonObject AsPractitioner(JsonObject activity)
    {
        activity["from"]!["name"] = PractitionerName;
        return activity;
    }

    private async Task PostAsync(JsonObject activity)
    {
        using var response = await bot.PostAsync(AsPractitioner(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonObject> ClickAsync(string verb, JsonObject data)
    {
        var answer = await bot.InvokeAsync(AsPractitioner(bot.Click(verb, data)));
        Assert.Equal(InvokeResponse.CardType, answer["type"]?.GetValue<string>());
        return answer["value"]!.AsObject();
    }
}
