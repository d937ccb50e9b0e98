using System.Globalization;
using Repro.Experiments;
using Repro.Presentation;

namespace Repro.Interventions;

/// <summary>
/// One plotted series of an intervention experiment: the value at "Orig" (the unedited model) and one value
/// per latent value v of the experiment's grid (same order as the grid).
/// </summary>
/// <param name="Intervention">"suppression", "nudging", "promotion exposure", "promotion side-effect RBO_ext", …</param>
/// <param name="Concept">The concept the series measures (for promotion: the item's label and the concept).</param>
/// <param name="Latent">The edited latent j (picked by the purity rule elsewhere).</param>
/// <param name="AudienceSize">Number of users the values average over.</param>
/// <param name="Orig">Value with the unedited model and original embeddings.</param>
/// <param name="Values">One value per v.</param>
public sealed record InterventionRow(string Intervention, string Concept, int Latent, int AudienceSize, double Orig, IReadOnlyList<double> Values);

/// <summary>Markdown shared by the intervention results: our rows, with the paper's numbers beside them when given.</summary>
internal static class InterventionMarkdown
{
    public static string Table(string title, IReadOnlyList<double> grid, IEnumerable<InterventionRow> rows, PaperSeries? paper)
    {
        var columns = new List<string> { "series", "concept", "latent", "audience", "Orig" };
        columns.AddRange(grid.Select(v => "v=" + v.ToString("0.##", CultureInfo.InvariantCulture)));
        var table = new MarkdownTable(columns.ToArray());
        foreach (string c in columns.Skip(4))
        {
            // The paper's rows are constants, so one bound for the column's measured rows is enough.
            table.Tolerance(c, Tolerances.InterventionShare);
        }
        foreach (var row in rows)
        {
            var cells = new List<object?> { "measured: " + row.Intervention, row.Concept, row.Latent, row.AudienceSize, row.Orig };
            cells.AddRange(row.Values.Cast<object?>());
            table.Add(cells.ToArray());
        }
        if (paper is not null)
        {
            var cells = new List<object?> { "paper (notebooks): " + paper.Intervention, paper.Concept, "", "", paper.Orig };
            foreach (double v in grid)
            {
                int k = paper.Grid.ToList().FindIndex(g => Math.Abs(g - v) < 1e-9);
                cells.Add(k >= 0 && paper.Values[k] is double p ? p : "");
            }
            table.Add(cells.ToArray());
        }
        string note = paper is null ? "" : $"\nPaper row: {paper.Source}\n";
        return $"#### {title}\n\n{table}{note}";
    }
}
