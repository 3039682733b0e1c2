using System.Text.RegularExpressions;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>
/// What the Dockerfile promises, read from it (Docker itself is not on every machine that runs the tests; the image is
/// built by infra/docker/build.sh): multi-stage, a non-root user, a health check on the liveness endpoint the bot maps,
/// and every file it copies exists.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepoRoot.Combine("Dockerfile"))
        .Where(l => !l.TrimStart().StartsWith('#')).ToArray();

    [Fact]
    public void It_builds_with_the_SDK_and_runs_on_the_runtime_image_as_a_non_root_user()
    {
        Assert.Contains(Lines, l => Regex.IsMatch(l, @"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$"));
        var runtime = Array.FindLastIndex(Lines, l => l.StartsWith("FROM "));
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0", Lines[runtime]);
        var user = Assert.Single(Lines[runtime..], l => l.StartsWith("USER "));
        Assert.DoesNotMatch(@"USER\s+(root|0)\b", user);
    }

    [Fact]
    public void Its_health_check_asks_the_liveness_endpoint_the_bot_maps()
    {
        var check = string.Join(" ", Lines.SkipWhile(l => !l.StartsWith("HEALTHCHECK")).TakeWhile(l => !l.StartsWith("ENTRYPOINT")));
        Assert.Contains("/health/live", check);
        Assert.Contains("\"/health/live\"", File.ReadAllText(RepoRoot.Combine("bot", "Operations", "HealthEndpoint.cs")));
    }

    [Fact]
    public void Every_file_it_copies_from_the_checkout_exists()
    {
        var copied = Lines.Where(l => l.StartsWith("COPY ") && !l.Contains("--from="))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]);
        Assert.All(copied, path => Assert.True(File.Exists(RepoRoot.Combine(path)) || Directory.Exists(RepoRoot.Combine(path)), path));
    }
}
