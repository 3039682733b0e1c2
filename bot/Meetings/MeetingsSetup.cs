using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using OpenTelemetry.Instrumentation.Http;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Meetings;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Meetings.Calendar;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Meetings;

public static class MeetingsSetup
{
    /// <summary>
    /// The senior management review meeting: arranging, booking (through Microsoft Graph when Graph:Enabled, else with an
    /// invitation file), recording, following up and reviewing. Meetings and Graph settings are checked at start-up.
    /// </summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MeetingsOptions>().Bind(config.GetSection(MeetingsOptions.Section))
            .PostConfigure(o =>
            {
                if (o.OtherLeadAgencies.Count == 0) o.OtherLeadAgencies = MeetingsOptions.DefaultOtherLeadAgencies();
                // App Service names the app's own host; a configured address wins.
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl) && config["WEBSITE_HOSTNAME"] is { Length: > 0 } host) o.PublicBaseUrl = "https://" + host;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MeetingsOptions>, DescribeMeetingsProblems>();
        services.AddOptions<GraphOptions>().Bind(config.GetSection(GraphOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, DescribeGraphProblems>();

        services.AddSingleton(GraphClient);
        // Graph's paths name the organiser's mailbox (an address): HttpClient spans show it as {mailbox}, never the address.
        services.AddOptions<HttpClientTraceInstrumentationOptions>().Configure<IOptions<GraphOptions>>((trace, graph) =>
        {
            var earlier = trace.EnrichWithHttpRequestMessage;
            trace.EnrichWithHttpRequestMessage = (activity, request) =>
            {
                earlier?.Invoke(activity, request);
                if (GraphCalendar.WithoutMailbox(request.RequestUri, graph.Value.BaseUrl) is { } safe) activity.SetTag("url.full", safe);
            };
        });
        services.AddSingleton<GraphCalendar>();
        services.AddSingleton<CalendarSignal>();
        services.AddSingleton(sp => new FollowUpSchedule(sp.GetRequiredService<WorkingDayCalendar>(), sp.GetRequiredService<ProcessProfile>()));
        services.AddSingleton<MeetingAgencies>();
        services.AddSingleton<MeetingAccess>();
        services.AddSingleton<InvitationLinks>();
        services.AddSingleton<MeetingChannel>();
        services.AddSingleton<TeamRoster>();

        // The calendar queue and the follow-up clock.
        services.AddSingleton<CalendarSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<CalendarSweep>());
        services.AddSingleton<FollowUpSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpSweep>());

        services.AddSingleton<IBotFeature, ArrangeFeature>();
        services.AddSingleton<IBotFeature, BookingFeature>();
        services.AddSingleton<IBotFeature, RecordFeature>();
        services.AddSingleton<IBotFeature, FollowUpFeature>();
        return services;
    }

    /// <summary>
    /// The Graph SDK over its default middleware (the retry handler honours Retry-After on 429/503/504), with the bot's one
    /// credential (the managed identity in Azure) or, for a local run against a real tenant, an app's client secret. Tokens
    /// are attached only for Graph's own hosts, so a fake Graph in tests gets none and no token is ever asked for.
    /// </summary>
    private static GraphServiceClient GraphClient(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
        TokenCredential credential = options.HasClientSecret
            ? new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret)
            : sp.GetRequiredService<TokenCredential>();
        var http = GraphClientFactory.Create(finalHandler: new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        http.Timeout = TimeSpan.FromSeconds(100);
        return new GraphServiceClient(http, credential, ["https://graph.microsoft.com/.default"], options.BaseUrl);
    }

    private sealed class DescribeMeetingsProblems(IOptions<BoardOptions> board) : IValidateOptions<MeetingsOptions>
    {
        public ValidateOptionsResult Validate(string? name, MeetingsOptions options) =>
            options.Problems([.. board.Value.Partners.Select(p => p.MeetingRepresentative)]) is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private sealed class DescribeGraphProblems : IValidateOptions<GraphOptions>
    {
        public ValidateOptionsResult Validate(string? name, GraphOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
