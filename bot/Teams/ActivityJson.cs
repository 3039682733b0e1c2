using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsSafeguarding.Teams;

// One set of serializer options for the wire: camelCase, nulls omitted, case-insensitive on read. Inbound activities
// are read through ActivityReader.
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
