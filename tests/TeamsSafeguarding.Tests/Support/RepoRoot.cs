namespace TeamsSafeguarding.Tests.Support;

/// <summary>Paths in the checkout, found by walking up from the test binaries to TeamsSafeguarding.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The local tools installed by infra/test.sh (npm ci in infra/).</summary>
    public static string NodeModules => Combine("infra", "node_modules");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TeamsSafeguarding.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            $"Could not find TeamsSafeguarding.sln above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
