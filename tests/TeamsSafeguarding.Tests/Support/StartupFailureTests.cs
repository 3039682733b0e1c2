using System.Text.RegularExpressions;
using Xunit;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>When something the tests start does not start, the failure names it and shows the last of what it printed.</summary>
[Collection("Azurite")]
public sealed class StartupFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_tool_that_exits_instead_of_starting_is_named_with_its_last_output()
    {
        // A port already taken: Azurite prints why and exits.
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        using var _ = taken.Server;
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var tool = NodeToolProcess.Start("Azurite (port taken)", Path.Combine(".bin", "azurite-table"),
            ["--inMemoryPersistence", "--disableTelemetry", "--tableHost", "127.0.0.1", "--tablePort", port.ToString()]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            tool.WaitForLineAsync(new Regex("successfully started"), StartupWait.Timeout));

        Assert.StartsWith("Azurite (port taken) did not start", failure.Message);
        Assert.Contains("Its last output:", failure.Message);
        Assert.True(failure.Message.Split('\n').Length > 2, failure.Message);
    }

    [Fact]
    public void A_bot_host_that_cannot_start_says_so_with_the_reason_and_its_log()
    {
        var failure = Assert.ThrowsAny<Exception>(() => TestBotHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "",
        }));

        Assert.StartsWith("The bot host did not start", failure.Message);
        Assert.Contains("Set Storage:TableEndpoint", failure.Message);
        Assert.Contains("Its last log lines:", failure.Message);
    }

    [Fact]
    public void Start_up_waits_are_generous() =>
        Assert.True(StartupWait.Timeout >= TimeSpan.FromMinutes(3));
}
