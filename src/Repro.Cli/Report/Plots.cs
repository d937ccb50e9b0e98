using ScottPlot;

namespace Repro.Cli.Report;

/// <summary>A named series of (x, y) points for a line chart; dashed series are the paper's numbers.</summary>
internal sealed record Series(string Name, double[] X, double[] Y, bool Dashed = false);

/// <summary>The report's PNG charts (ScottPlot), one method per kind of picture.</summary>
internal static class Plots
{
    private const int Width = 900, Height = 520;

    /// <summary>Lines with markers, one per series (β curves, dose-response curves).</summary>
    public static void Lines(string path, string title, string xLabel, string yLabel, IEnumerable<Series> series)
    {
        var plt = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var s in series)
        {
            var sc = plt.Add.Scatter(s.X, s.Y);
            sc.LegendText = s.Name;
            sc.Color = palette.GetColor(k++);
            sc.MarkerSize = 7;
            sc.LineWidth = 2;
            if (s.Dashed)
            {
                sc.LinePattern = LinePattern.Dashed;
            }
        }
        plt.Title(title);
        plt.XLabel(xLabel);
        plt.YLabel(yLabel);
        plt.ShowLegend(Alignment.UpperRight);
        Save(plt, path);
    }

    /// <summary>A heatmap with labelled rows and columns (purity: concept × neuron).</summary>
    public static void Heatmap(string path, string title, double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels)
    {
        var plt = new Plot();
        var hm = plt.Add.Heatmap(values);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        plt.Add.ColorBar(hm);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        // ScottPlot draws row 0 at the top; cell centres sit on integer coordinates.
        plt.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), rowLabels.ToArray());
        plt.Axes.Bottom.SetTicks(Enumerable.Range(0, cols).Select(c => (double)c).ToArray(), columnLabels.ToArray());
        plt.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plt.Title(title);
        Save(plt, path, Math.Max(Width, 60 + cols * 28), Math.Max(Height, 120 + rows * 22));
    }

    /// <summary>Vertical bars with category labels (activation frequency per latent, band summaries).</summary>
    public static void Bars(string path, string title, string yLabel, double[] values, IReadOnlyList<string> labels, double? referenceLine = null)
    {
        var plt = new Plot();
        var bars = plt.Add.Bars(values);
        bars.Color = Colors.SteelBlue;
        plt.Axes.Bottom.SetTicks(Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray(), labels.ToArray());
        if (labels.Count > 12)
        {
            plt.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
        if (referenceLine is double y)
        {
            var line = plt.Add.HorizontalLine(y);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Red;
        }
        plt.Axes.Margins(bottom: 0);
        plt.Title(title);
        plt.YLabel(yLabel);
        Save(plt, path);
    }

    private static void Save(Plot plt, string path, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string tmp = path + ".tmp.png";
        plt.SavePng(tmp, width, height);
        File.Move(tmp, path, overwrite: true);
    }
}
