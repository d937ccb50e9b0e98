using System.Globalization;
using System.Text;
using Repro.Analysis;
using Repro.Experiments;

namespace Repro.Presentation;

/// <summary>The concept analyses' tables (SPEC §5): purity, the popularity neuron, era neurons and the monosemanticity score.</summary>
public static class ConceptTables
{
    /// <summary>Concepts with fewer carriers than this are computed but left out of printed tag tables (Last.FM has 1,284 tags).</summary>
    public const int MinItemsForPrintedTag = 25;

    /// <summary>The table: concept, best neuron, purity@10/20/50, base rate.</summary>
    public static string ToMarkdown(this ConceptPurityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new MarkdownTable(result.ConceptKind, "best neuron", "purity@10", "purity@20", "purity@50", "base rate");
        foreach (var r in result.Rows)
        {
            t.Add(r.Name, r.BestNeuron < 0 ? "-" : r.BestNeuron.ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Fixed(r.PurityAt10), MarkdownTable.Fixed(r.PurityAt20), MarkdownTable.Fixed(r.PurityAt50), MarkdownTable.Fixed(r.BaseRate, 3));
        }
        return t.ToString();
    }

    /// <summary>One row per neuron: mean rank and its share of the catalogue, the popularity neuron marked.</summary>
    public static string ToMarkdown(this PopularityNeuronResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new MarkdownTable("neuron", string.Create(CultureInfo.InvariantCulture, $"mean popularity rank of top {result.K}"), "share of catalogue", "popularity neuron");
        for (int j = 0; j < result.MeanRankPerNeuron.Count; j++)
        {
            double m = result.MeanRankPerNeuron[j];
            t.Add(j, double.IsNaN(m) ? "dead" : MarkdownTable.Number(m), double.IsNaN(m) ? "-" : MarkdownTable.Fixed(m / result.ItemCount, 3), j == result.Neuron ? "yes" : "");
        }
        return t.ToString();
    }

    /// <summary>The catalogue row, then each neuron's decade shares; the golden-age neuron marked.</summary>
    public static string ToMarkdown(this EraNeuronsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new MarkdownTable(["neuron", .. result.Decades, "golden age"]);
        t.Add(["catalogue", .. result.CatalogueShares.Select(s => (object?)MarkdownTable.Fixed(s)), ""]);
        for (int j = 0; j < result.NeuronShares.GetLength(0); j++)
        {
            var cells = new List<object?> { string.Create(CultureInfo.InvariantCulture, $"{j} (top {result.K})") };
            for (int d = 0; d < result.Decades.Count; d++)
            {
                cells.Add(double.IsNaN(result.NeuronShares[j, d]) ? "dead" : MarkdownTable.Fixed(result.NeuronShares[j, d]));
            }
            cells.Add(j == result.GoldenAgeNeuron ? "yes" : "");
            t.Add([.. cells]);
        }
        return t.ToString();
    }

    /// <summary>One row: mean MS, neurons scored, neurons excluded.</summary>
    public static string ToMarkdown(this MonosemanticityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new MarkdownTable("MS (mean)", "neurons scored", "excluded (dead or single-item)", "top N")
            .Add(MarkdownTable.Number(result.Mean), result.PerNeuron.Count - result.Excluded, result.Excluded, result.TopN.ToString(CultureInfo.InvariantCulture))
            .ToString();
    }

    /// <summary>All tables, one section each; <paramref name="producedBy"/> (a <see cref="ProducedBy"/> line), when given, under each table.</summary>
    public static string ToMarkdown(this ConceptReport report, string? producedBy = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        string under = producedBy is null ? "" : "\n" + producedBy + "\n";
        var sb = new StringBuilder();
        sb.Append("# Concept analyses: ").Append(report.Model).Append("\n\nData: ").Append(report.DataFingerprint).Append('\n');
        foreach (var p in report.Purity)
        {
            sb.Append("\n## Purity (").Append(p.ConceptKind).Append(")\n\n").Append(p.ToMarkdown()).Append(under);
        }
        sb.Append("\n## Popularity neuron\n\n").Append(report.Popularity.ToMarkdown()).Append(under);
        if (report.Era is not null)
        {
            sb.Append("\n## Era neurons\n\n").Append(report.Era.ToMarkdown()).Append(under);
        }
        if (report.Monosemanticity is not null)
        {
            sb.Append("\n## Monosemanticity score\n\n").Append(report.Monosemanticity.ToMarkdown()).Append(under);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A cell's concept report as printed: every table in full, except tag tables, which keep tags carried by at least
    /// <see cref="MinItemsForPrintedTag"/> items (the rest are still used for best-neuron choices); under each table, what
    /// produced it (<see cref="ProducedBy"/>). The neuron cards are a document of their own (<see cref="NeuronCardsToMarkdown"/>).
    /// </summary>
    public static string ToMarkdown(this ConceptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var data = result.Report;
        var purity = data.Purity.Select(p => p.ConceptKind != "tag" ? p
            : p with { Rows = p.Rows.Where(r => r.BaseRate * result.ItemActivations.GetLength(0) >= MinItemsForPrintedTag - 1e-9).ToArray() }).ToArray();
        return (data with { Purity = purity }).ToMarkdown(ProducedBy.Line(result));
    }

    /// <summary>A cell's neuron cards (<see cref="NeuronCardTables"/>), each card with what produced it under it.</summary>
    public static string NeuronCardsToMarkdown(this ConceptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.NeuronCards.ToMarkdown(ProducedBy.Line(result));
    }
}
