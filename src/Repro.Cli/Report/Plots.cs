using ScottPlot;

namespace Repro.Cli.Report;

/// <summary>
/// A named series of (x, y) points for a line chart. Dashed series are the paper's numbers; series sharing a
/// <paramref name="Color"/> index are drawn in one colour (ours solid, the paper's dashed). <paramref name="Reference"/>
/// draws a dotted horizontal line in the series' colour (the unedited model's value, "Orig").
/// </summary>
internal sealed record Series(string Name, double[] X, double[] Y, bool Dashed = false, int? Color = null, double? Reference = null);

/// <summary>One group of bars (e.g. a Matryoshka band) with one value per measure.</summary>
internal sealed record BarGroup(string Label, double[] Values);

/// <summary>The report's PNG charts (ScottPlot), one method per kind of picture. Legends sit outside the data area.</summary>
internal static class Plots
{
    private const int Width = 1000, Height = 520;
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>The colour of a series index (shared by ours and the paper's).</summary>
    public static Color ColorOf(int index) => Palette.GetColor(index);

    /// <summary>Lines with markers, one per series (λ_pred curves, dose-response curves). NaN points are left out.</summary>
    public static void Lines(string path, string title, string xLabel, string yLabel, IEnumerable<Series> series, IReadOnlyList<double>? xTicks = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        // Few distinct x values (a grid of v or λ_pred): tick exactly those.
        var xs = list.SelectMany(s => s.X).Where(double.IsFinite).Distinct().Order().ToArray();
        xTicks ??= xs.Length <= 12 ? xs : null;
        var plt = new Plot();
        int k = 0, legendChars = 0;
        foreach (var s in list)
        {
            legendChars += s.Name.Length + 6;
            var color = ColorOf(s.Color ?? k);
            k++;
            int[] keep = [.. Enumerable.Range(0, s.X.Length).Where(i => double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))];
            if (s.Reference is double r && double.IsFinite(r))
            {
                var h = plt.Add.HorizontalLine(r);
                h.Color = color.WithAlpha(0.7);
                h.LineWidth = 1.5f;
                h.LinePattern = LinePattern.Dotted;
            }
            if (keep.Length == 0)
            {
                continue;
            }
            var sc = plt.Add.Scatter(keep.Select(i => s.X[i]).ToArray(), keep.Select(i => s.Y[i]).ToArray());
            sc.LegendText = s.Name;
            sc.Color = color;
            sc.LineWidth = 2;
            sc.MarkerSize = 8;
            if (s.Dashed)
            {
                sc.LinePattern = LinePattern.Dashed;
                sc.MarkerShape = MarkerShape.OpenCircle;
            }
        }
        if (xTicks is not null)
        {
            plt.Axes.Bottom.SetTicks([.. xTicks], [.. xTicks.Select(Tick)]);
        }
        plt.Axes.Margins(0.05, 0.1);
        // The legend goes under the chart so the data keeps the full width: one row if it fits, else one item per line.
        bool oneRow = legendChars * 8 <= Width - 80;
        Finish(plt, title, xLabel, yLabel, legend: k > 0);
        if (!oneRow)
        {
            plt.Legend.Orientation = Orientation.Vertical;
        }
        Save(plt, path, Width, Height + (oneRow ? 40 : 24 * k));
    }

    /// <summary>
    /// A heatmap of values in [0, 1] with labelled rows (concepts) and numbered columns (neurons); NaN cells (dead
    /// neurons) are grey.
    /// </summary>
    public static void Heatmap(string path, string title, double[,] values, IReadOnlyList<string> rowLabels, string xLabel, string colorLabel,
        IReadOnlyList<(int Row, int Column)>? marks = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rowLabels);
        var plt = new Plot();
        var hm = plt.Add.Heatmap(values);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.ManualRange = new ScottPlot.Range(0, 1);
        hm.NaNCellColor = Colors.LightGray;
        var bar = plt.Add.ColorBar(hm);
        bar.Label = colorLabel;
        bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.2);
        plt.Axes.Margins(0, 0);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        if (marks is { Count: > 0 })
        {
            var m = plt.Add.Markers(marks.Select(x => (double)x.Column).ToArray(), marks.Select(x => (double)(rows - 1 - x.Row)).ToArray(), MarkerShape.OpenCircle, 11, Colors.White);
            m.MarkerLineWidth = 2;
        }
        // Row 0 is drawn at the top; cell centres sit on integer coordinates.
        plt.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r))], [.. rowLabels]);
        int step = cols <= 30 ? 1 : cols <= 60 ? 2 : 5;
        double[] ticks = [.. Enumerable.Range(0, cols).Where(c => c % step == 0).Select(c => (double)c)];
        plt.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(Tick)]);
        plt.Axes.Bottom.MajorTickStyle.Length = 3;
        Finish(plt, title, xLabel, null, legend: false);
        Save(plt, path, Math.Max(Width, 260 + (cols * 22)), Math.Max(Height, 140 + (rows * 22)));
    }

    /// <summary>
    /// Activation frequency per latent as bars; dead latents (never active) are marked with a red × on the axis so
    /// they stay visible at height 0.
    /// </summary>
    public static void LatentFrequency(string path, string title, IReadOnlyList<double> frequency)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        var plt = new Plot();
        var bars = frequency.Select((f, j) => new Bar { Position = j, Value = f, Size = 0.8, FillColor = Colors.SteelBlue, LineWidth = 0 }).ToList();
        plt.Add.Bars(bars);
        double[] dead = [.. Enumerable.Range(0, frequency.Count).Where(j => frequency[j] == 0).Select(j => (double)j)];
        if (dead.Length > 0)
        {
            var m = plt.Add.Markers(dead, new double[dead.Length], MarkerShape.Eks, 12, Colors.Red);
            m.MarkerLineWidth = 2.5f;
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = "active share", FillColor = Colors.SteelBlue });
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = "dead latent (never active)", MarkerShape = MarkerShape.Eks, MarkerColor = Colors.Red, MarkerLineWidth = 2.5f, MarkerSize = 12 });
        }
        plt.Axes.SetLimitsY(-0.04, Math.Max(0.05, frequency.DefaultIfEmpty(0).Max() * 1.08));
        plt.Axes.SetLimitsX(-1, frequency.Count);
        int step = frequency.Count <= 30 ? 1 : 5;
        double[] ticks = [.. Enumerable.Range(0, frequency.Count).Where(c => c % step == 0).Select(c => (double)c)];
        plt.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(Tick)]);
        Finish(plt, title, "latent", "share of users and items where it is active", legend: dead.Length > 0);
        Save(plt, path, Math.Max(Width, 300 + (frequency.Count * 12)), Height);
    }

    /// <summary>Grouped vertical bars: one group per label, one coloured bar per measure (legend outside).</summary>
    public static void GroupedBars(string path, string title, string yLabel, IReadOnlyList<string> measures, IReadOnlyList<BarGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(groups);
        var plt = new Plot();
        int n = measures.Count;
        var bars = new List<Bar>();
        for (int g = 0; g < groups.Count; g++)
        {
            for (int s = 0; s < n; s++)
            {
                double v = groups[g].Values[s];
                bars.Add(new Bar
                {
                    Position = (g * (n + 1)) + s,
                    Value = double.IsFinite(v) ? v : 0,
                    FillColor = ColorOf(s),
                    LineWidth = 0,
                    Label = double.IsFinite(v) ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "n/a",
                });
            }
        }
        var plottable = plt.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 12;
        for (int s = 0; s < n; s++)
        {
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = measures[s], FillColor = ColorOf(s) });
        }
        plt.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups.Count).Select(g => (g * (n + 1)) + ((n - 1) / 2.0))], [.. groups.Select(g => g.Label)]);
        plt.Axes.Bottom.MajorTickStyle.Length = 0;
        plt.Axes.SetLimitsY(0, Math.Max(1.1, bars.Max(b => b.Value) * 1.12));
        Finish(plt, title, null, yLabel, legend: true);
        plt.Legend.Orientation = Orientation.Vertical;
        Save(plt, path, Width, Height + (22 * n));
    }

    private static void Finish(Plot plt, string title, string? xLabel, string? yLabel, bool legend)
    {
        plt.Title(title, 16);
        if (xLabel is not null)
        {
            plt.XLabel(xLabel, 14);
        }
        if (yLabel is not null)
        {
            plt.YLabel(yLabel, 14);
        }
        plt.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plt.Axes.Left.TickLabelStyle.FontSize = 13;
        if (legend)
        {
            plt.ShowLegend(Edge.Bottom);
            plt.Legend.FontSize = 13;
        }
    }

    private static string Tick(double x) => x.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static void Save(Plot plt, string path, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string tmp = path + ".tmp.png";
        plt.SavePng(tmp, width, height);
        File.Move(tmp, path, overwrite: true);
    }
}
