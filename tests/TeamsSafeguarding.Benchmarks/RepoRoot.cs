namespace TeamsSafeguarding.Benchmarks;

/// <summary>Paths in the checkout, found by walking up from the binaries to TeamsSafeguarding.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Combine(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TeamsSafeguarding.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Could not find TeamsSafeguarding.sln above {AppContext.BaseDirectory}; run from a checkout.");
    }
}
