using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// A Node CLI from infra/node_modules (Azurite, the Agents Playground) run for the tests. It is started through
/// infra/test-support/exit-with-parent.cjs, which holds our end of a stdin pipe: if the test host dies without
/// disposing this, the pipe closes and the tool stops, so no emulator outlives a test run.
/// </summary>
public sealed class NodeToolProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly object gate = new();
    private TaskCompletionSource changed = NewSignal();

    private NodeToolProcess(Process process) => this.process = process;

    public string Name { get; private init; } = "";
    public bool HasExited => process.HasExited;

    /// <summary>Every line the tool has printed so far (stdout and stderr).</summary>
    public string Output
    {
        get { lock (gate) return string.Join(Environment.NewLine, output); }
    }

    /// <summary>The last lines the tool printed, for failure messages.</summary>
    public string LastOutput
    {
        get { lock (gate) return StartupWait.LastLines(output); }
    }

    /// <summary>Starts <paramref name="script"/> (a path under infra/node_modules) with <paramref name="args"/>.</summary>
    public static NodeToolProcess Start(string name, string script, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var scriptPath = System.IO.Path.Combine(RepoRoot.NodeModules, script);
        if (!File.Exists(scriptPath))
            throw new InvalidOperationException(
                $"{name} is not installed ({scriptPath} is missing). Run `bash infra/test.sh` once (it runs `npm ci` in infra/), " +
                "or `cd infra && npm ci`, then run the tests again.");

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? System.IO.Path.GetTempPath(),
        };
        info.ArgumentList.Add(RepoRoot.Combine("infra", "test-support", "exit-with-parent.cjs"));
        info.ArgumentList.Add(scriptPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (environment is not null)
            foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var tool = new NodeToolProcess(process) { Name = name };
        process.OutputDataReceived += (_, e) => tool.Append(e.Data);
        process.ErrorDataReceived += (_, e) => tool.Append(e.Data);
        process.Exited += (_, _) => tool.Signal();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start node for {name} ({e.Message}); is Node.js installed and on PATH?", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>Waits for a printed line matching <paramref name="pattern"/>; fails if the tool exits or the time runs out.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            Task next;
            lock (gate)
            {
                for (; seen < output.Count; seen++)
                {
                    var match = pattern.Match(output[seen]);
                    if (match.Success) return match;
                }
                next = changed.Task;
            }
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the output readers
                lock (gate)
                    if (output.Skip(seen).Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success) is { } late) return late;
                throw new InvalidOperationException($"{Name} did not start: it exited (code {process.ExitCode}) before printing /{pattern}/. Its last output:\n{LastOutput}");
            }
            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not start: it did not print /{pattern}/ within {timeout.TotalSeconds:0} s. Its last output:\n{LastOutput}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (gate) output.Add(line);
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (gate)
        {
            old = changed;
            changed = NewSignal();
        }
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }
}
