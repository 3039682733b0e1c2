using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Board;

/// <summary>
/// The board's settings as the real host reads them (appsettings + overrides): configured partners replace the
/// defaults instead of being appended to them, and an unusable partners list stops start-up with the reason.
/// </summary>
[Collection("Azurite")]
public sealed class BoardConfigurationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_development_settings_give_exactly_the_three_configured_partners_with_their_members()
    {
        await using var host = TestBotHost.Start(azurite);

        var board = host.Services.GetRequiredService<IOptions<BoardOptions>>().Value;

        Assert.Equal(["la", "police", "icb"], board.Partners.Select(p => p.Id));
        Assert.Equal(2, board.Partners[0].Members.Count);
        Assert.Equal("la", host.Services.GetRequiredService<BoardDirectory>().AgencyOf("00000000-0000-0000-0000-0000000000021")?.Id);
    }

    [Fact]
    public async Task A_board_configuring_its_own_partners_gets_only_those()
    {
        await using var host = TestBotHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Board:Partners:0:Id"] = "council", ["Board:Partners:0:Name"] = "County council",
            ["Board:Partners:1:Id"] = "police", ["Board:Partners:1:Name"] = "Police",
            ["Board:Partners:2:Id"] = "icb", ["Board:Partners:2:Name"] = "NHS integrated care board",
            ["Board:Partners:3:Id"] = "fire", ["Board:Partners:3:Name"] = "Fire and rescue",
        });

        var board = host.Services.GetRequiredService<IOptions<BoardOptions>>().Value;

        // Index 0-2 override the development file's entries, index 3 is added: four agencies, none doubled.
        Assert.Equal(["council", "police", "icb", "fire"], board.Partners.Select(p => p.Id));
    }

    [Fact]
    public void An_agency_configured_twice_stops_start_up_and_says_why()
    {
        var failure = Assert.ThrowsAny<Exception>(() => TestBotHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Board:Partners:1:Id"] = "la",
        }));

        var message = failure is AggregateException a ? string.Join(" ", a.Flatten().InnerExceptions.Select(e => e.Message)) : failure.Message;
        Assert.Contains("more than once", message);
    }

    [Fact]
    public void With_no_partners_configured_the_three_statutory_partners_are_used()
    {
        var services = new ServiceCollection();
        services.AddBoard(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        var board = services.BuildServiceProvider().GetRequiredService<IOptions<BoardOptions>>().Value;

        Assert.Equal(["la", "police", "icb"], board.Partners.Select(p => p.Id));
    }
}

/// <summary>The board's process profile as the real host reads it: defaults, overrides, and a bad setting named at start-up.</summary>
[Collection("Azurite")]
public sealed class ProcessProfileConfigurationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Without_settings_the_profile_is_the_reference_process()
    {
        await using var host = TestBotHost.Start(azurite);

        var profile = host.Services.GetRequiredService<TeamsSafeguarding.Escalation.Process.ProcessProfile>();

        Assert.Equal(TeamsSafeguarding.Escalation.Process.ProcessProfile.Default with { ExtraClosureDays = profile.ExtraClosureDays }, profile);
        Assert.Equal((5, 10, true), (profile.ViewsDueWorkingDays, profile.DecisionDueWorkingDays, profile.EarlyDecision));
    }

    [Fact]
    public async Task A_board_sets_its_own_clocks_and_tie_break_under_Board_Process()
    {
        await using var host = TestBotHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Board:Process:ViewsDueWorkingDays"] = "3",
            ["Board:Process:DecisionDueWorkingDays"] = "7",
            ["Board:Process:CastingBy"] = "DeputyBoardManager",
            ["Board:Process:RiskPreset"] = "GreenAmberRed",
            ["Board:Process:MeetingSearchWorkingDays"] = "15",
            ["Board:Process:MeetingDayStart"] = "10:00",
            ["Board:Process:MeetingLengthMinutes"] = "120",
            ["Board:Process:ActionReminderWorkingDaysBefore"] = "3",
            ["Board:Process:FollowUpTime"] = "08:30",
        });

        var profile = host.Services.GetRequiredService<TeamsSafeguarding.Escalation.Process.ProcessProfile>();
        var rule = host.Services.GetRequiredService<TeamsSafeguarding.Escalation.Partners.DecisionRule>();

        Assert.Equal((3, 7), (profile.ViewsDueWorkingDays, profile.DecisionDueWorkingDays));
        Assert.Equal(TeamsSafeguarding.Escalation.Partners.CastingActor.DeputyBoardManager, rule.CastingBy);
        Assert.Equal("Amber", host.Services.GetRequiredService<TeamsSafeguarding.Escalation.Risk.RiskBandScheme>().BandFor(5).Word);
        Assert.Equal((15, new TimeOnly(10, 0), new TimeOnly(16, 30), 120, 3, new TimeOnly(8, 30)),
            (profile.MeetingSearchWorkingDays, profile.MeetingDayStart, profile.MeetingDayEnd, profile.MeetingLengthMinutes,
             profile.ActionReminderWorkingDaysBefore, profile.FollowUpTime));
    }

    [Theory]
    [InlineData("Board:Process:DecisionDueWorkingDays", "0", "Board:Process:DecisionDueWorkingDays must be between 1 and 60 (it is 0).")]
    [InlineData("Board:Process:DraftWarningDays", "40", "Board:Process:DraftWarningDays must be fewer than DraftRetentionDays (40 >= 30).")]
    [InlineData("Board:Process:RiskPreset", "Purple", "Board:Process:RiskPreset: Unknown risk band preset 'Purple'")]
    [InlineData("Board:Process:CastingBy", "Mayor", "Board:Process:CastingBy")]
    [InlineData("Board:Process:ViewsDueWorkingDays", "five", "Board:Process:ViewsDueWorkingDays")]
    [InlineData("Board:Process:MeetingSearchWorkingDays", "60", "Board:Process:MeetingSearchWorkingDays must be between 1 and 40 (it is 60).")]
    [InlineData("Board:Process:MeetingLengthMinutes", "100", "Board:Process:MeetingLengthMinutes must be a whole number of quarter hours (it is 100).")]
    [InlineData("Board:Process:MeetingDayEnd", "10:30", "Board:Process:MeetingDayEnd must leave room for a 90-minute meeting after MeetingDayStart (09:30 to 10:30).")]
    [InlineData("Board:Process:ActionReminderWorkingDaysBefore", "21", "Board:Process:ActionReminderWorkingDaysBefore must be between 0 and 20 (it is 21).")]
    [InlineData("Board:Partners:1:MeetingRepresentative", "police.example.org", "Board:Partners:1:MeetingRepresentative must be an email address.")]
    [InlineData("Meetings:PublicBaseUrl", "bot.example.org", "Meetings:PublicBaseUrl must be an absolute http(s) address.")]
    public void A_bad_setting_stops_start_up_naming_the_key(string key, string value, string expected)
    {
        var failure = Assert.ThrowsAny<Exception>(() => TestBotHost.Start(azurite, new Dictionary<string, string?> { [key] = value }));

        var message = failure is AggregateException a ? string.Join(" ", a.Flatten().InnerExceptions.Select(e => e.Message)) : failure.ToString();
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Calendar_booking_turned_on_is_checked_at_start_up_too()
    {
        var failure = Assert.ThrowsAny<Exception>(() => TestBotHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = "graph.microsoft.com",
            ["Graph:ClientSecret"] = "a-made-up-value",
        }));

        var message = failure is AggregateException a ? string.Join(" ", a.Flatten().InnerExceptions.Select(e => e.Message)) : failure.ToString();
        Assert.Contains("Graph:BaseUrl must be an absolute http(s) address", message);
        Assert.Contains("Graph:TenantId and Graph:ClientId are needed with Graph:ClientSecret.", message);
    }
}
