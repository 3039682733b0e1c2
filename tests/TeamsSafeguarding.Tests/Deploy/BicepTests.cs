using System.Reflection;
using System.Text.RegularExpressions;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>
/// Every Bicep file under infra/azure compiles and passes the linter (infra/azure/bicepconfig.json) with no warning
/// at all, using the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64). Nothing here contacts Azure.
/// </summary>
public sealed partial class BicepTests
{
    public static TheoryData<string> BicepFiles() =>
        [.. Directory.GetFiles(RepoRoot.Combine("infra", "azure"), "*.bicep*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f)).Order()];

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Compiles_and_lints_with_no_warnings(string file)
    {
        var output = Path.Combine(Path.GetTempPath(), "bicep-" + Guid.NewGuid().ToString("N"));
        try
        {
            var build = file.EndsWith(".bicepparam")
                ? await Bicep.RunAsync("build-params", file, "--outfile", Path.Combine(output, "main.parameters.json"))
                : await Bicep.RunAsync("build", file, "--outdir", output);
            AssertClean(build);
            if (file.EndsWith(".bicep")) AssertClean(await Bicep.RunAsync("lint", file));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_warning_fails_the_check()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bicep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(RepoRoot.Combine("infra", "azure", "bicepconfig.json"), Path.Combine(folder, "bicepconfig.json"));
            // A required property missing is a compiler warning (BCP035), not a linter rule: the check must see it too.
            await File.WriteAllTextAsync(Path.Combine(folder, "bad.bicep"), """
                resource bot 'Microsoft.BotService/botServices@2022-09-15' existing = {
                  name: 'bot'
                }
                resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
                  parent: bot
                  name: 'MsTeamsChannel'
                  location: 'global'
                  properties: {
                    channelName: 'MsTeamsChannel'
                    properties: {}
                  }
                }
                """);

            var build = await Bicep.RunAsync("build", Path.Combine(folder, "bad.bicep"), "--stdout");

            Assert.Contains(Diagnostics(build), d => d.Contains("BCP035"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_deployment_gives_the_web_app_the_settings_the_bot_reads_and_no_secret()
    {
        var settings = await CompiledAppSettingNamesAsync();

        Assert.Contains("Storage__TableEndpoint", settings);
        Assert.Contains("Bot__MicrosoftAppType", settings);
        Assert.Contains("AZURE_CLIENT_ID", settings);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings);
        Assert.DoesNotContain(settings, s => s.Contains("Password", StringComparison.OrdinalIgnoreCase)
                                             || s.Contains("ConnectionString", StringComparison.Ordinal) && s.StartsWith("Storage"));
    }

    /// <summary>
    /// The literal app setting names in the compiled main.bicep: ARM writes them as createObject('name', 'X', 'value', …)
    /// (the board's people and partners come from loops and are not listed).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CompiledAppSettingNamesAsync()
    {
        var run = await Bicep.RunAsync("build", Path.Combine("infra", "azure", "main.bicep"), "--stdout");
        AssertClean(run);
        return [.. AppSetting().Matches(run.StandardOutput).Select(m => m.Groups[1].Value).Distinct()];
    }

    private static void AssertClean(ScriptRun run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(Diagnostics(run) is [], string.Join("\n", Diagnostics(run)));
    }

    /// <summary>"file(line,col) : Warning|Error CODE: message" lines, which Bicep writes to stderr.</summary>
    private static List<string> Diagnostics(ScriptRun run) =>
        [.. run.StandardError.Split('\n').Where(line => DiagnosticLine().IsMatch(line))];

    [GeneratedRegex(@" : (Warning|Error|Info) ")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"createObject\('name', '([A-Za-z][A-Za-z0-9_]*)', 'value'")]
    private static partial Regex AppSetting();

    /// <summary>The Bicep CLI restored from NuGet; its path comes from the package's $(BicepPath), baked in at build.</summary>
    private static class Bicep
    {
        private static string Path => typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');

        public static Task<ScriptRun> RunAsync(params string[] args) =>
            ScriptRun.RunAsync(Path, args, TimeSpan.FromMinutes(3), new Dictionary<string, string>
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["BICEP_TRACING_ENABLED"] = "false",
            });
    }
}
