using System.Text.Json.Nodes;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>Builds the package once, as an IT team would (infra/teams/package.sh with an env file), for the tests below.</summary>
public sealed class BuiltTeamsPackage : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "teams-package-" + Guid.NewGuid().ToString("N"));

    /// <summary>The values the env file gives: each must end up in the manifest.</summary>
    public Dictionary<string, string> Values { get; } = new()
    {
        ["TEAMS_APP_ID"] = Guid.NewGuid().ToString(),
        ["APP_VERSION"] = "1.2.3",
        ["BOT_ID"] = Guid.NewGuid().ToString(),
        ["BOT_DOMAIN"] = "app-sab-test.azurewebsites.net",
        ["APP_NAME_SHORT"] = "SAB escalation",
        ["APP_NAME_FULL"] = "Test Safeguarding Adults Board escalation",
        ["DEVELOPER_NAME"] = "Test Safeguarding Board",
        ["DEVELOPER_WEBSITE_URL"] = "https://sab.example.org/",
        ["PRIVACY_URL"] = "https://sab.example.org/privacy",
        ["TERMS_OF_USE_URL"] = "https://sab.example.org/terms",
    };

    public ScriptRun Run { get; private set; } = null!;
    public TeamsAppManifest.Package Package { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var envFile = Path.Combine(Folder, "board.env");
        await File.WriteAllLinesAsync(envFile, Values.Select(v => $"{v.Key}={v.Value}"));
        Run = await ScriptRun.RunAsync(RepoRoot.Combine("infra", "teams", "package.sh"),
            ["--env-file", envFile, "--out", Path.Combine(Folder, "out")], TimeSpan.FromMinutes(5));
        var zip = Path.Combine(Folder, "out", "safeguarding-teams-app.zip");
        if (Run.ExitCode == 0 && File.Exists(zip)) Package = TeamsAppManifest.Package.Read(zip);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The Teams app package an IT team uploads: built by the script, valid against the newest official schema.</summary>
public sealed class TeamsAppPackageTests(BuiltTeamsPackage built) : IClassFixture<BuiltTeamsPackage>
{
    [Fact]
    public void The_script_builds_a_zip_with_the_manifest_and_both_icons_at_its_root()
    {
        Assert.True(built.Run.ExitCode == 0, built.Run.Output);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], built.Package.Entries.Keys.Order());
    }

    [Fact]
    public async Task The_filled_manifest_is_valid_against_the_newest_schema_that_app_manifest_ships()
    {
        var newest = TeamsAppManifest.NewestSchemaVersion();
        var manifest = built.Package.Manifest;

        Assert.Equal(newest, manifest["manifestVersion"]!.GetValue<string>());
        Assert.EndsWith($"/v{newest}/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.Empty(await TeamsAppManifest.SchemaErrorsAsync(manifest, newest));
    }

    [Fact]
    public async Task The_schema_check_finds_what_Teams_would_refuse()
    {
        var newest = TeamsAppManifest.NewestSchemaVersion();
        var manifest = built.Package.Manifest;
        manifest["name"]!["short"] = new string('x', 31);
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest.Remove("accentColor");

        var errors = string.Join("\n", await TeamsAppManifest.SchemaErrorsAsync(manifest, newest));

        Assert.Contains("name.short", errors);
        Assert.Contains("botId", errors);
        Assert.Contains("accentColor", errors);
    }

    [Fact]
    public void Every_placeholder_is_filled_from_the_env_file()
    {
        var text = built.Package.Manifest.ToJsonString();
        var manifest = built.Package.Manifest;

        Assert.DoesNotContain("${{", text);
        Assert.Equal(built.Values["TEAMS_APP_ID"], manifest["id"]!.GetValue<string>());
        Assert.Equal(built.Values["BOT_ID"], manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal([built.Values["BOT_DOMAIN"]], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(built.Values["APP_VERSION"], manifest["version"]!.GetValue<string>());
        Assert.Equal(built.Values["PRIVACY_URL"], manifest["developer"]!["privacyUrl"]!.GetValue<string>());
    }

    [Fact]
    public void The_bot_is_offered_in_personal_chats_and_teams()
    {
        var bot = built.Package.Manifest["bots"]![0]!;
        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["personal", "team"],
            bot["commandLists"]!.AsArray().SelectMany(l => l!["scopes"]!.AsArray()).Select(s => s!.GetValue<string>()).Order());
    }

    [Fact]
    public void The_colour_icon_is_192_square_opaque_and_its_glyph_stands_out_from_the_accent_colour()
    {
        var icon = PngPixels.Read(built.Package.Entries["color.png"]);
        var accent = TeamsAppManifest.Hex(built.Package.Manifest["accentColor"]!.GetValue<string>());

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.All(), p => Assert.Equal(255, p.A));
        var corner = icon.At(0, 0);
        Assert.Equal(accent, (corner.R, corner.G, corner.B)); // full-bleed background in the accent colour
        var glyph = icon.At(96, 60); // inside the shield
        Assert.True(TeamsAppManifest.ContrastRatio((glyph.R, glyph.G, glyph.B), accent) >= 4.5,
            $"glyph {glyph} on accent {accent}: {TeamsAppManifest.ContrastRatio((glyph.R, glyph.G, glyph.B), accent):0.0}:1");
    }

    [Fact]
    public void The_outline_icon_is_32_square_white_on_transparent()
    {
        var icon = PngPixels.Read(built.Package.Entries["outline.png"]);

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.Equal(0, icon.At(0, 0).A);
        Assert.Contains(icon.All(), p => p.A == 255);
        // Teams recolours the outline icon: any visible pixel must be white (edges only vary in transparency).
        Assert.All(icon.All().Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    [Fact]
    public async Task A_bad_value_stops_the_script_with_the_reason_and_no_package()
    {
        var envFile = Path.Combine(built.Folder, "bad.env");
        var values = new Dictionary<string, string>(built.Values) { ["DEVELOPER_NAME"] = "A developer name longer than thirty-two characters" };
        await File.WriteAllLinesAsync(envFile, values.Select(v => $"{v.Key}={v.Value}"));
        var output = Path.Combine(built.Folder, "bad-out");

        var run = await ScriptRun.RunAsync(RepoRoot.Combine("infra", "teams", "package.sh"),
            ["--env-file", envFile, "--out", output], TimeSpan.FromMinutes(5));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/developer/name", run.Output);
        Assert.False(File.Exists(Path.Combine(output, "safeguarding-teams-app.zip")));
    }

    [Fact]
    public async Task An_app_id_atk_would_silently_replace_is_refused()
    {
        var envFile = Path.Combine(built.Folder, "bad-id.env");
        var values = new Dictionary<string, string>(built.Values) { ["TEAMS_APP_ID"] = "11111111-2222-3333-4444-555555555555" };
        await File.WriteAllLinesAsync(envFile, values.Select(v => $"{v.Key}={v.Value}"));

        var run = await ScriptRun.RunAsync(RepoRoot.Combine("infra", "teams", "package.sh"),
            ["--env-file", envFile, "--out", Path.Combine(built.Folder, "bad-id-out")], TimeSpan.FromMinutes(5));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("TEAMS_APP_ID", run.StandardError);
    }
}
