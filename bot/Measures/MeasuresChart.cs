using ScottPlot;
using TeamsSafeguarding.Escalation.Measures;

namespace TeamsSafeguarding.Measures;

/// <summary>
/// The measures card's chart: referrals by referring agency, as horizontal bars, drawn headless with ScottPlot (its
/// SkiaSharp native library is the self-contained "NoDependencies" build, so it needs no system library; text uses the
/// fonts the machine has, DejaVu on Debian). Small (358 px wide, few colours), because it travels inside the card as a
/// data URI and a Teams message must stay under 40 KB. If it cannot be drawn, the card shows the figures without it.
/// </summary>
public sealed class MeasuresChart(ILogger<MeasuresChart> log)
{
    public const int Width = 358;

    public string? DataUri(QuarterlyMeasures measures)
    {
        if (measures.ReferralsByAgency.Count == 0) return null;
        try
        {
            var rows = measures.ReferralsByAgency.Take(8).Reverse().ToList(); // the largest at the top
            var plot = new Plot();
            var bars = plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i, Value = r.Count, FillColor = Color.FromHex("#1F4E79"), Label = r.Count.ToString() }).ToList());
            bars.Horizontal = true;
            bars.ValueLabelStyle.FontSize = 13;
            plot.Axes.Left.SetTicks([.. rows.Select((_, i) => (double)i)], [.. rows.Select(r => Short(r.Agency))]);
            plot.Axes.Left.TickLabelStyle.FontSize = 12;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Margins(left: 0, right: 0.15, bottom: 0.02, top: 0.02);
            plot.Axes.SetLimitsX(0, Math.Max(1, rows.Max(r => r.Count)) * 1.15);
            if (SansSerif() is { } font) plot.Font.Set(font);
            plot.Grid.MajorLineColor = Color.FromHex("#E0E0E0");
            var png = plot.GetImageBytes(Width, 60 + 28 * rows.Count, ImageFormat.Png);
            return "data:image/png;base64," + Convert.ToBase64String(png);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or InvalidOperationException or ArgumentException)
        {
            log.LogWarning("The measures chart could not be drawn ({ExceptionType}); the figures are shown without it", e.GetType().Name);
            return null;
        }
    }

    /// <summary>A plain sans-serif face if the machine has one (ScottPlot's default is a serif one on Debian).</summary>
    private static string? SansSerif() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(f => Fonts.GetTypeface(f, bold: false, italic: false) is { } face && face.FamilyName == f);

    private static string Short(string agency) => agency.Length <= 22 ? agency : agency[..21] + "…";
}
