using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Tests.Support;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// Draws cards with infra/cards/measure.cjs (the official renderer, the Teams host configs, headless Chromium) at
/// 358 px in the light and the dark theme, all in one browser run, and reads back what it measured.
/// </summary>
public static class CardRenderer
{
    public const int PhoneWidth = 358;

    public sealed record Button(string Title, bool Truncated, string Style);

    public sealed record LowContrast(string Text, double Ratio, string Color, string Background);

    public sealed record Measured(string Name, string Theme, int Height, IReadOnlyList<Button> Buttons, IReadOnlyList<LowContrast> LowContrast,
        IReadOnlyList<string> Errors);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Script => RepoRoot.Combine("infra", "cards", "measure.cjs");

    /// <summary>Every card measured in both themes. Throws with the tool's output when it cannot run.</summary>
    public static async Task<IReadOnlyList<Measured>> MeasureAsync(IReadOnlyList<(string Name, JsonObject Card)> cards, string? pngFolder = null)
    {
        if (!Directory.Exists(RepoRoot.Combine("infra", "cards", "node_modules", "adaptivecards")))
            throw new InvalidOperationException("The card renderer is not installed: run `bash infra/test.sh` once, or `cd infra/cards && npm ci`.");
        var folder = Directory.CreateTempSubdirectory("phone-rule-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (name, card) in cards)
            {
                var file = Path.Combine(folder, name + ".json");
                await File.WriteAllTextAsync(file, card.ToJsonString());
                files.Add(file);
            }
            var output = Path.Combine(folder, "measured.json");
            var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Script, "--width", PhoneWidth.ToString(), "--out", output }) info.ArgumentList.Add(arg);
            if (pngFolder is not null) { info.ArgumentList.Add("--png"); info.ArgumentList.Add(pngFolder); }
            foreach (var file in files) info.ArgumentList.Add(file);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("measure.cjs did not finish within 5 minutes.");
            }
            if (process.ExitCode != 0 || !File.Exists(output))
                throw new InvalidOperationException($"measure.cjs failed (exit {process.ExitCode}):\n{await stderr}\n{await stdout}");
            return JsonSerializer.Deserialize<List<Measured>>(await File.ReadAllTextAsync(output), Json)!;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
