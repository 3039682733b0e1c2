using System.Diagnostics;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>One run of a command-line tool from the repository (a script in infra/, the Bicep CLI), to its end.</summary>
public sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> in the repository root; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<ScriptRun> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // closed at once: nothing may wait for a person to answer
            UseShellExecute = false,
            WorkingDirectory = Support.RepoRoot.Path,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.\n{await stdout}{await stderr}");
        }
        return new ScriptRun(process.ExitCode, await stdout, await stderr);
    }
}
