using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using NJsonSchema;
using TeamsSafeguarding.Tests.Support;

namespace TeamsSafeguarding.Tests.Deploy;

/// <summary>
/// The Teams app manifest and package: the official manifest schemas shipped in npm @microsoft/app-manifest
/// (installed in infra/teams/node_modules by infra/test.sh) and the package built by infra/teams/package.sh.
/// </summary>
public static class TeamsAppManifest
{
    public static string SourcePath => RepoRoot.Combine("infra", "teams", "manifest.json");

    private static string SchemasFolder => RepoRoot.Combine("infra", "teams", "node_modules", "@microsoft", "app-manifest",
        "build", "json-schemas", "teams");

    /// <summary>The newest stable manifest version the package ships a schema for (v1.30 → "1.30"; vDevPreview is not stable).</summary>
    public static string NewestSchemaVersion()
    {
        if (!Directory.Exists(SchemasFolder))
            throw new InvalidOperationException($"{SchemasFolder} is missing: run infra/test.sh (or infra/teams/package.sh --install-only).");
        return Directory.GetDirectories(SchemasFolder)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith('v') && Version.TryParse(name[1..], out _))
            .Select(name => name![1..])
            .OrderBy(v => Version.Parse(v))
            .Last();
    }

    public static async Task<JsonSchema> SchemaAsync(string version) =>
        await JsonSchema.FromFileAsync(Path.Combine(SchemasFolder, "v" + version, "MicrosoftTeams.schema.json"));

    /// <summary>Schema problems of <paramref name="manifest"/> ("#/name.short: StringTooLong"), empty when valid.</summary>
    public static async Task<IReadOnlyList<string>> SchemaErrorsAsync(JsonObject manifest, string version)
    {
        var schema = await SchemaAsync(version);
        return [.. schema.Validate(manifest.ToJsonString()).SelectMany(Describe)];
    }

    /// <summary>An error and those inside it (a failed array item or subschema carries its own).</summary>
    private static IEnumerable<string> Describe(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Describe)
            : [$"{error.Path}: {error.Kind}"];

    /// <summary>Every command title in the manifest's bot command lists, lower case, whatever the scope.</summary>
    public static IReadOnlySet<string> CommandTitles(JsonObject manifest) =>
        manifest["bots"]!.AsArray()
            .SelectMany(bot => bot!["commandLists"]?.AsArray() ?? [])
            .SelectMany(list => list!["commands"]!.AsArray())
            .Select(command => command!["title"]!.GetValue<string>().ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A package built by infra/teams/package.sh: its entries by name.</summary>
    public sealed record Package(IReadOnlyDictionary<string, byte[]> Entries)
    {
        public JsonObject Manifest => JsonNode.Parse(Entries["manifest.json"])!.AsObject();

        public static Package Read(string zipPath)
        {
            using var zip = ZipFile.OpenRead(zipPath);
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries[entry.FullName] = copy.ToArray();
            }
            return new Package(entries);
        }
    }

    /// <summary>WCAG contrast ratio between two sRGB colours (1 to 21).</summary>
    public static double ContrastRatio((byte R, byte G, byte B) a, (byte R, byte G, byte B) b)
    {
        static double Channel(byte c)
        {
            var s = c / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        static double Luminance((byte R, byte G, byte B) c) =>
            0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
        var (light, dark) = (Luminance(a), Luminance(b));
        if (light < dark) (light, dark) = (dark, light);
        return (light + 0.05) / (dark + 0.05);
    }

    public static (byte R, byte G, byte B) Hex(string colour) => (
        byte.Parse(colour.AsSpan(1, 2), NumberStyles.HexNumber),
        byte.Parse(colour.AsSpan(3, 2), NumberStyles.HexNumber),
        byte.Parse(colour.AsSpan(5, 2), NumberStyles.HexNumber));
}
