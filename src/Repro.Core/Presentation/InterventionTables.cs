using System.Globalization;
using System.Text;
using Repro.Experiments;
using Repro.Interventions;

namespace Repro.Presentation;

/// <summary>The intervention experiments' dose-response tables (SPEC §6): our rows, with the paper's numbers beside them when given.</summary>
public static class InterventionTables
{
    /// <summary>The table: target row, the paper's row when given, then the other concepts.</summary>
    public static string ToMarkdown(this SuppressionResult result, PaperSeries? paper = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Table($"Suppression, {result.ModelKind}: {result.Target.Concept} (latent {result.Target.Latent}), audience {result.Target.AudienceSize}", result.Grid, [result.Target], paper)
            + "\n" + Table("Side effect: share of the other concepts in the same lists", result.Grid, result.OtherConcepts, null);
    }

    /// <summary>The table: our row and the paper's when given.</summary>
    public static string ToMarkdown(this NudgingResult result, PaperSeries? paper = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Table($"Nudging, {result.ModelKind}: toward {result.Target.Concept} (latent {result.Target.Latent}), audience {result.Target.AudienceSize}", result.Grid, [result.Target], paper);
    }

    /// <summary>Exposure rows (and the paper's when given), then the side-effect rows.</summary>
    public static string ToMarkdown(this PromotionResult result, PaperSeries? paper = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Table($"Item promotion, {result.ModelKind}: exposure to {result.Concept} fans, audience {result.Audience.Count}", result.Grid, result.Items.Select(i => i.Exposure), paper)
            + "\n" + Table($"Side effect: RBO_ext of the top 30 of {result.SideEffectSample.Count} users outside the audience", result.Grid, result.Items.Select(i => i.SideEffectRbo), null);
    }

    /// <summary>One line for beside a dose-response grid.</summary>
    public static string Describe(this NeuronScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return string.Create(CultureInfo.InvariantCulture,
            $"Neuron {scale.Latent}'s activation over {scale.Over}: median {MarkdownTable.Number(scale.Median)}, 95th percentile {MarkdownTable.Number(scale.P95)} (v is absolute, on this scale).");
    }

    /// <summary>Every grid of one cell, each with its neuron's activation scale, the paper's numbers beside ours where it has them.</summary>
    public static string ToMarkdown(this InterventionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append("# Interventions: ").Append(result.Setting.Label).Append("\n\n");
        sb.Append("Concepts: ").Append(result.ConceptKind).Append("; each concept's neuron is its best neuron by purity@20. Share = mean share of the concept in the audience's top 30 over all items. ");
        sb.Append("\"Orig\" = the unedited model.\n");
        foreach (var (s, scale) in result.Suppressions.Zip(result.SuppressionScales))
        {
            sb.Append("\n## Suppress ").Append(s.Target.Concept).Append(" (neuron ").Append(s.Target.Latent).Append(")\n\n");
            sb.Append(scale.Describe()).Append("\n\n");
            sb.Append(s.ToMarkdown(InterventionExperiment.Paper(result.Setting, "suppress", s.Target.Concept)));
        }
        foreach (var ((audience, n), scale) in result.Nudges.Zip(result.NudgeScales))
        {
            sb.Append("\n## Nudge ").Append(audience).Append(" toward ").Append(n.Target.Concept).Append(" (neuron ").Append(n.Target.Latent).Append(")\n\n");
            sb.Append(scale.Describe()).Append("\n\n");
            sb.Append(n.ToMarkdown(InterventionExperiment.Paper(result.Setting, "nudge", n.Target.Concept)));
        }
        foreach (var (p, scale) in result.Promotions.Zip(result.PromotionScales))
        {
            sb.Append("\n## Promote an off-concept item to ").Append(p.Concept).Append(" fans\n\n");
            sb.Append(scale.Describe()).Append("\n\n");
            sb.Append(p.ToMarkdown(InterventionExperiment.Paper(result.Setting, "promote", p.Concept)));
        }
        return sb.ToString();
    }

    // One titled table of rows over the grid v; the paper's row (matched by v) under ours, with its source.
    private static string Table(string title, IReadOnlyList<double> grid, IEnumerable<InterventionRow> rows, PaperSeries? paper)
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
