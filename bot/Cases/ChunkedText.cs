using Azure.Data.Tables;

namespace TeamsSafeguarding.Cases;

/// <summary>
/// A Table Storage string property holds at most 64 KiB (about 32K characters), but a referral's text can be
/// longer. Long text is split over properties Name0, Name1, … (the whole entity may hold 1 MiB).
/// </summary>
public static class ChunkedText
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string text)
    {
        var chunks = 0;
        for (var at = 0; at < text.Length; at += ChunkChars, chunks++)
            entity[name + chunks] = text.Substring(at, Math.Min(ChunkChars, text.Length - at));
        entity[name + "Chunks"] = chunks;
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + "Chunks") is not int chunks) return null;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(name + i)));
    }
}
