using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace TeamsSafeguarding.Measures;

/// <summary>
/// An opaque picture as a palette PNG (8-bit indexed). The chart travels inside the measures card as a data URI and the
/// card must stay within Teams' 40 KB counted as UTF-16; Skia writes only full-colour PNGs, about twice the size. A bar
/// chart has a few hundred colours, nearly all in the anti-aliased edges of its text: the 256 most used are kept
/// exactly and any other is drawn as the nearest of them, which the eye does not see.
/// </summary>
public static class PalettePng
{
    public const int MaxColours = 256;

    public static byte[] Encode(SKBitmap bitmap)
    {
        var pixels = bitmap.Pixels;
        var palette = pixels.GroupBy(p => p).OrderByDescending(g => g.Count()).Take(MaxColours).Select(g => g.Key).ToArray();
        var index = new Dictionary<SKColor, byte>();
        for (var i = 0; i < palette.Length; i++) index[palette[i]] = (byte)i;

        // Each row starts with its filter byte (0, none: the usual choice for palette images).
        var rows = new byte[bitmap.Height * (bitmap.Width + 1)];
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var colour = pixels[y * bitmap.Width + x];
                if (!index.TryGetValue(colour, out var i)) index[colour] = i = Nearest(palette, colour);
                rows[y * (bitmap.Width + 1) + 1 + x] = i;
            }

        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, bitmap.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), bitmap.Height);
        header[8] = 8; // bits per index
        header[9] = 3; // colour type: palette
        Chunk(png, "IHDR", header);
        Chunk(png, "PLTE", [.. palette.SelectMany(c => new[] { c.Red, c.Green, c.Blue })]);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(rows);
            Chunk(png, "IDAT", data.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte Nearest(SKColor[] palette, SKColor colour)
    {
        int Distance(SKColor p) => (p.Red - colour.Red) * (p.Red - colour.Red) + (p.Green - colour.Green) * (p.Green - colour.Green)
            + (p.Blue - colour.Blue) * (p.Blue - colour.Blue);
        var best = 0;
        for (var i = 1; i < palette.Length; i++)
            if (Distance(palette[i]) < Distance(palette[best])) best = i;
        return (byte)best;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++) typed[i] = (byte)type[i];
        data.CopyTo(typed, 4);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    })];

    /// <summary>The CRC-32 every PNG chunk ends with (over its type and data).</summary>
    private static uint Crc32(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
