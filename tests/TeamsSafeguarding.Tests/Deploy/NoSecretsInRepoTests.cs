using System.Text.RegularExpressions;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>
/// Nothing in the repository holds a secret: every tracked text file is searched for storage account keys (other than
/// Azurite's published development key), client secrets, private keys, SAS signatures and filled-in passwords.
/// </summary>
public sealed partial class NoSecretsInRepoTests
{
    /// <summary>Azurite's well-known development account key, published in its documentation: not a secret.</summary>
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task No_tracked_file_holds_a_key_a_secret_or_a_password()
    {
        var files = await TrackedTextFilesAsync();
        Assert.Contains("bot/appsettings.json", files);

        var found = new List<string>();
        // This file holds made-up samples of each kind, for the test below.
        foreach (var file in files.Where(f => f != "tests/TeamsSafeguarding.Tests/Deploy/NoSecretsInRepoTests.cs"))
        {
            var text = await File.ReadAllTextAsync(RepoRoot.Combine(file));
            found.AddRange(Secrets(text.Replace(AzuriteKey, "")).Select(kind => $"{file}: {kind}"));
        }

        Assert.Empty(found);
    }

    [Fact]
    public void The_search_finds_each_kind_of_secret()
    {
        Assert.Equal(["account key"], Secrets("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTIzNA==;"));
        Assert.Equal(["client secret"], Secrets("secret: abC8Q~defGhijkLmnopQRStuvWXyz0123456789ab"));
        Assert.Equal(["private key"], Secrets("-----BEGIN RSA PRIVATE KEY-----"));
        Assert.Equal(["SAS signature"], Secrets("https://st.table.core.windows.net/?sv=2022-11-02&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2Bab%3D"));
        Assert.Equal(["password"], Secrets("\"MicrosoftAppPassword\": \"hunter2\""));
        Assert.Empty(Secrets("\"MicrosoftAppPassword\": \"\", \"ConnectionString\": \"\", AccountKey=;"));
    }

    private static IEnumerable<string> Secrets(string text)
    {
        if (AccountKey().IsMatch(text)) yield return "account key";
        if (ClientSecret().IsMatch(text)) yield return "client secret";
        if (PrivateKey().IsMatch(text)) yield return "private key";
        if (SasSignature().IsMatch(text)) yield return "SAS signature";
        if (Password().IsMatch(text)) yield return "password";
    }

    private static async Task<List<string>> TrackedTextFilesAsync()
    {
        var run = await ScriptRun.RunAsync("git", ["ls-files", "-z"], TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.Output);
        string[] binary = [".png", ".jpg", ".zip", ".ico", ".dll"];
        return [.. run.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => !binary.Contains(Path.GetExtension(f).ToLowerInvariant()) && File.Exists(RepoRoot.Combine(f)))];
    }

    [GeneratedRegex(@"AccountKey=[A-Za-z0-9+/]{20,}")]
    private static partial Regex AccountKey();

    // Entra ID client secrets: three characters, a digit, "Q~", then 31-34 more.
    [GeneratedRegex(@"(?<![A-Za-z0-9_~.\-])[A-Za-z0-9_~.\-]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34}")]
    private static partial Regex ClientSecret();

    [GeneratedRegex(@"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"[?&]sig=[A-Za-z0-9%+/=]{30,}")]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"""(MicrosoftAppPassword|ClientSecret|Password)""\s*:\s*""[^""]+""")]
    private static partial Regex Password();
}
