using System.Diagnostics;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>
/// A Release build of the bot in a folder of its own, started as a child process (<see cref="BotProcess"/>).
/// The checkout's is built from the working tree (uncommitted changes included); another revision is exported with
/// `git archive` (no worktree is registered) and built once, then reused from .local/bench/ (git-ignored).
/// </summary>
public sealed record BotBuild(string Label, string Directory)
{
    public string Dll => Path.Combine(Directory, "TeamsSafeguarding.Bot.dll");

    public static async Task<BotBuild> OfCheckoutAsync()
    {
        var commit = (await RunAsync("git", ["describe", "--always", "--dirty", "--abbrev=7"], RepoRoot.Combine())).Trim();
        var output = RepoRoot.Combine(".local", "bench", "builds", "checkout");
        await BuildAsync(RepoRoot.Combine("bot", "TeamsSafeguarding.Bot.csproj"), output);
        return new BotBuild("checkout " + commit, output);
    }

    public static async Task<BotBuild> OfRevisionAsync(string revision)
    {
        var sha = (await RunAsync("git", ["rev-parse", "--verify", revision + "^{commit}"], RepoRoot.Combine())).Trim();
        var label = $"{revision} {sha[..7]}";
        var output = RepoRoot.Combine(".local", "bench", "builds", sha);
        var done = Path.Combine(output, "bench-build.done");
        if (File.Exists(done)) return new BotBuild(label, output);

        var source = RepoRoot.Combine(".local", "bench", "src", sha);
        if (System.IO.Directory.Exists(source)) System.IO.Directory.Delete(source, recursive: true);
        System.IO.Directory.CreateDirectory(source);
        Console.WriteLine($"// Exporting {label} to {source}");
        await RunAsync("bash", ["-c", "git archive --format=tar \"$0\" | tar -x -C \"$1\"", sha, source], RepoRoot.Combine());
        await BuildAsync(Path.Combine(source, "bot", "TeamsSafeguarding.Bot.csproj"), output);
        await File.WriteAllTextAsync(done, sha); // only a finished build is reused
        return new BotBuild(label, output);
    }

    private static async Task BuildAsync(string project, string output)
    {
        Console.WriteLine($"// Building {project} (Release) into {output}");
        await RunAsync("dotnet", ["build", project, "-c", "Release", "-o", output, "--nologo", "-v", "q", "-clp:ErrorsOnly"], RepoRoot.Combine());
    }

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
