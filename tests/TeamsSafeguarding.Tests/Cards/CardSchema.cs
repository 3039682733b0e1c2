using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using Xunit.Sdk;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// Checks card JSON against the official Adaptive Cards 1.5 schema (cards/Schema, vendored unchanged),
/// adjusted in memory the same way as shared/tools/cards/validate:
/// - the top-level "msteams" object Teams reads is allowed (the official schema forbids it);
/// - "type" and "version" are required on the top-level card (documented as required, not enforced);
/// - a failed ImplementationsOf.* union (an anyOf of branches tagged by "type") reports the problems of the
///   branch named by the element's "type" only, instead of one failure per element kind.
/// The schema identifies itself with draft-04 "id" under a draft-06 "$schema"; NJsonSchema reads both, so
/// it loads as is (the validate tool must rename "id" to "$id" for ajv).
/// </summary>
public static class CardSchema
{
    private const string UnionPrefix = "ImplementationsOf.";
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "Schema", "adaptive-card-1.5.json");

    /// <summary>Every problem found, one line each ("/body/1 must have required property 'id'"); empty if valid.</summary>
    public static IReadOnlyList<string> Errors(JsonObject card)
    {
        var errors = Schema.Value.Validate(card.ToJsonString());
        return [.. errors.SelectMany(Describe).Distinct()];
    }

    public static void AssertValid(JsonObject card)
    {
        var errors = Errors(card);
        if (errors.Count > 0)
        {
            throw new XunitException(
                $"The card is not a valid Adaptive Card 1.5 for Teams:\n  {string.Join("\n  ", errors)}\n{card.ToJsonString()}");
        }
    }

    private static JsonSchema Load()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();
        schema["required"] = new JsonArray("type", "version");
        var definitions = schema["definitions"]!.AsObject();
        definitions["AdaptiveCard"]!["properties"]!["msteams"] = new JsonObject { ["type"] = "object" };
        foreach (var (name, definition) in definitions)
        {
            if (!name.StartsWith(UnionPrefix, StringComparison.Ordinal)) continue;
            // Tag each branch with the element type it stands for, so errors can follow the element's "type".
            foreach (var branch in definition!["anyOf"]!.AsArray())
            {
                var reference = branch!["allOf"]![0]!["$ref"]!.GetValue<string>();
                branch["title"] = UnionPrefix + reference["#/definitions/".Length..];
            }
        }
        DeclareRequiredProperties(schema);
        return JsonSchema.FromJsonAsync(schema.ToJsonString()).GetAwaiter().GetResult();
    }

    /// <summary>
    /// NJsonSchema keeps "required" only as a flag on declared properties and silently drops the rest, which
    /// would let a union branch ({"required": ["type"], "allOf": [...]}) accept an element without "type".
    /// Declaring each such property with an empty schema keeps the requirement and allows nothing new.
    /// </summary>
    private static void DeclareRequiredProperties(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) DeclareRequiredProperties(item);
            return;
        }
        if (node is not JsonObject obj) return;
        if (obj["required"] is JsonArray required)
        {
            var properties = obj["properties"] as JsonObject ?? new JsonObject();
            obj["properties"] = properties;
            foreach (var name in required.Select(r => r!.GetValue<string>()).Where(n => !properties.ContainsKey(n)))
            {
                properties[name] = new JsonObject();
            }
        }
        foreach (var (_, child) in obj.ToList()) DeclareRequiredProperties(child);
    }

    private static IEnumerable<string> Describe(ValidationError error)
    {
        if (error is not ChildSchemaValidationError child)
        {
            // For a missing or extra property NJsonSchema's path ends at the property; report the object.
            var path = error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
                ? Parent(error.Path)
                : error.Path;
            return [$"{Pointer(path)} {Message(error)}"];
        }
        if (error.Kind is ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf)
        {
            return DescribeAlternatives(error, child);
        }
        // allOf, array items, property values: every nested problem counts.
        return child.Errors.Values.SelectMany(branch => branch).SelectMany(Describe);
    }

    private static IEnumerable<string> DescribeAlternatives(ValidationError error, ChildSchemaValidationError child)
    {
        var branches = child.Errors.ToList();
        if (branches.Count == 1) return branches[0].Value.SelectMany(Describe);

        var typePath = error.Path + ".type";
        if (branches.All(b => b.Key.Title?.StartsWith(UnionPrefix, StringComparison.Ordinal) == true))
        {
            // The branch for the element's own type is the one whose "type" check passed.
            var matching = branches.Where(b => !Flatten(b.Value).Any(e => e.Path == typePath)).ToList();
            if (matching.Count == 1) return matching[0].Value.SelectMany(Describe);
            var missingType = branches.All(b =>
                Flatten(b.Value).Any(e => e.Path == typePath && e.Kind == ValidationErrorKind.PropertyRequired));
            var types = string.Join(", ", branches.Select(b => b.Key.Title![UnionPrefix.Length..]));
            return [missingType
                ? $"{Pointer(error.Path)} must have required property 'type'"
                : $"{Pointer(typePath)} must be one of the allowed values: {types}"];
        }

        // Small unions such as [enum, case-insensitive pattern] or [value, null]: name the allowed values if
        // there is a list, else what each alternative expected.
        var leaves = Flatten(branches.SelectMany(b => b.Value)).Where(e => e is not ChildSchemaValidationError).ToList();
        var allowed = leaves.FirstOrDefault(e => e.Kind == ValidationErrorKind.NotInEnumeration && e.Path == error.Path);
        if (allowed is not null) return [$"{Pointer(error.Path)} {Message(allowed)}"];
        return [$"{Pointer(error.Path)} matches none of: {string.Join("; ", leaves.Select(Message).Distinct())}"];
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child
            ? [e, .. Flatten(child.Errors.Values.SelectMany(branch => branch))]
            : new[] { e });

    private static string Message(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => $"must have required property '{error.Property}'",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => $"must NOT have additional property \"{error.Property}\"",
        ValidationErrorKind.NotInEnumeration =>
            $"must be one of the allowed values: {string.Join(", ", error.Schema?.Enumeration ?? [])}",
        _ => error.Kind.ToString(),
    };

    private static string? Parent(string? path) =>
        path is null || path.LastIndexOf('.') < 0 ? "#" : path[..path.LastIndexOf('.')];

    /// <summary>NJsonSchema paths ("#/body[1].items[0].id") as JSON pointers ("/body/1/items/0/id").</summary>
    private static string Pointer(string? path)
    {
        var pointer = (path ?? "#").TrimStart('#').Replace("[", "/").Replace("]", "").Replace(".", "/");
        return pointer.StartsWith('/') ? pointer : "/" + pointer;
    }
}
