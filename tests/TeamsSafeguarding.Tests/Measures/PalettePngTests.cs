using SkiaSharp;
using TeamsSafeguarding.Measures;
using Xunit;

namespace TeamsSafeguarding.Tests.Measures;

/// <summary>The chart's palette PNG, read back by Skia's own decoder: the same picture, in a palette, smaller.</summary>
public class PalettePngTests
{
    [Fact]
    public void A_picture_of_up_to_256_colours_reads_back_exactly()
    {
        using var bitmap = Picture(colours: 256);

        using var read = SKBitmap.Decode(PalettePng.Encode(bitmap));

        Assert.Equal((bitmap.Width, bitmap.Height), (read.Width, read.Height));
        Assert.Equal(bitmap.Pixels, read.Pixels);
    }

    [Fact]
    public void Beyond_256_colours_the_rarest_are_drawn_as_the_nearest_kept_colour()
    {
        using var bitmap = Picture(colours: 256);
        // A 257th colour in a single pixel, one step from a kept one: it comes back as that neighbour.
        var kept = bitmap.GetPixel(10, 0);
        bitmap.SetPixel(0, 0, new SKColor((byte)(kept.Red + 1), kept.Green, kept.Blue));

        using var read = SKBitmap.Decode(PalettePng.Encode(bitmap));

        Assert.Equal(kept, read.GetPixel(0, 0));
        Assert.Equal(bitmap.GetPixel(1, 0), read.GetPixel(1, 0));
    }

    [Fact]
    public void A_chart_like_picture_is_smaller_than_skias_full_colour_png()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(358, 284, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = new SKColor(0x1F, 0x4E, 0x79), IsAntialias = true })
        {
            canvas.Clear(SKColors.White);
            for (var i = 0; i < 8; i++) canvas.DrawRoundRect(new SKRect(160, 10 + 30 * i, 170 + 20 * i, 34 + 30 * i), 6, 6, paint);
        }

        var palette = PalettePng.Encode(bitmap);
        using var image = SKImage.FromBitmap(bitmap);
        var full = image.Encode(SKEncodedImageFormat.Png, 100).ToArray();

        Assert.True(palette.Length < full.Length, $"palette {palette.Length} bytes, full colour {full.Length}");
        using var read = SKBitmap.Decode(palette);
        Assert.Equal(bitmap.Pixels, read.Pixels); // anti-aliased edges of one colour on white: well under 256 colours
    }

    /// <summary>A 64 x 16 opaque picture with exactly <paramref name="colours"/> colours, each in several pixels.</summary>
    private static SKBitmap Picture(int colours)
    {
        var bitmap = new SKBitmap(new SKImageInfo(64, 16, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < 16; y++)
            for (var x = 0; x < 64; x++)
            {
                var n = (y * 64 + x) % colours;
                bitmap.SetPixel(x, y, new SKColor((byte)(n * 7 % 256), (byte)(n * 3 % 256), (byte)n));
            }
        return bitmap;
    }
}
