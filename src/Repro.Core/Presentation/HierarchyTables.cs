using System.Globalization;
using System.Text;
using Repro.Analysis;
using Repro.Experiments;

namespace Repro.Presentation;

/// <summary>The Matryoshka hierarchy's tables (SPEC §5, claim 10): the bands, the plain control's bands, every neuron's best raw tag.</summary>
public static class HierarchyTables
{
    /// <summary>
    /// One row per band. The prefix FVU column is there only when the SAE code supplied it (the Matryoshka's bands); the
    /// plain control has no prefixes to decode with, so its table leaves the column out rather than printing NaN.
    /// </summary>
    public static string ToMarkdown(this MatryoshkaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string tag = result.TagKind.Length == 0 ? "tag" : result.TagKind;
        bool prefixFvu = result.Bands.Any(b => !double.IsNaN(b.PrefixFvu));
        string[] headers =
        [
            "band", "neurons", "activation frequency", string.Create(CultureInfo.InvariantCulture, $"mean pop. rank of top {result.PopularityK}"),
            string.Create(CultureInfo.InvariantCulture, $"concept entropy of top {result.ConceptK} (bits)"), "best purity@20", $"median base rate of best {tag}", $"median purity@20 of best {tag}",
            .. prefixFvu ? new[] { "prefix FVU" } : [],
        ];
        var t = new MarkdownTable(headers);
        if (prefixFvu)
        {
            t.Tolerance("prefix FVU", Tolerances.Fvu);
        }

        foreach (var b in result.Bands)
        {
            object[] cells =
            [
                b.Name, string.Create(CultureInfo.InvariantCulture, $"{b.Start}-{b.End - 1}"), b.ActivationFrequency, b.MeanPopularityRank,
                b.ConceptEntropyBits, string.Create(CultureInfo.InvariantCulture, $"{MarkdownTable.Fixed(b.BestPurityAt20)} ({b.BestPurityLabel})"),
                b.MedianTagBaseRate, b.MedianTagPurity,
                .. prefixFvu ? new object[] { b.PrefixFvu } : [],
            ];
            t.Add(cells);
        }
        return t.ToString();
    }

    /// <summary>One row per neuron: its band and its best raw tag with purity@20 and base rate (<see cref="TagSpecificity"/>).</summary>
    public static string NeuronsToMarkdown(this MatryoshkaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string tag = result.TagKind.Length == 0 ? "tag" : result.TagKind;
        var t = new MarkdownTable("neuron", "band", $"best {tag}", "purity@20", "base rate");
        foreach (var n in result.Neurons)
        {
            var band = result.Bands.FirstOrDefault(b => n.Neuron >= b.Start && n.Neuron < b.End);
            t.Add(n.Neuron, band?.Name ?? "-", n.Tag, n.PurityAt20, n.BaseRate);
        }
        return t.ToString();
    }

    /// <summary>
    /// A cell's hierarchy: the Matryoshka SAE's bands and neurons, then its control's (a plain SAE of the same width and
    /// budget cut into the same bands), each with what produced it (<see cref="ProducedBy"/>); headings at <paramref name="level"/>.
    /// </summary>
    public static string ToMarkdown(this HierarchyResult h, int level = 3)
    {
        ArgumentNullException.ThrowIfNull(h);
        string heading = new('#', level);
        var sb = new StringBuilder();
        sb.Append(h.Sae.Describe()).Append(string.Create(CultureInfo.InvariantCulture, $"; nested prefixes {string.Join("/", h.Prefixes)}.\n\n"));
        sb.Append(h.Result.ToMarkdown()).Append('\n').Append(ProducedBy.Line(h.Sae, h.Setting, h.Seed, h.DataFingerprint)).Append('\n');
        if (h.Control is not null && h.ControlSae is not null)
        {
            sb.Append('\n').Append(heading).Append(" Control: a plain SAE of the same width and budget, cut into the same bands\n\n")
              .Append(h.Control.ToMarkdown()).Append('\n').Append(ProducedBy.Line(h.ControlSae, h.Setting, h.Seed, h.DataFingerprint)).Append('\n');
        }
        if (h.Result.Neurons.Count > 0)
        {
            sb.Append('\n').Append(heading).Append(" Every neuron's best ").Append(h.Result.TagKind).Append(" (Matryoshka)\n\n")
              .Append(h.Result.NeuronsToMarkdown()).Append('\n').Append(ProducedBy.Line(h.Sae, h.Setting, h.Seed, h.DataFingerprint)).Append('\n');
        }
        if (h.Control is { Neurons.Count: > 0 } && h.ControlSae is not null)
        {
            sb.Append('\n').Append(heading).Append(" Every neuron's best ").Append(h.Control.TagKind).Append(" (control)\n\n")
              .Append(h.Control.NeuronsToMarkdown()).Append('\n').Append(ProducedBy.Line(h.ControlSae, h.Setting, h.Seed, h.DataFingerprint)).Append('\n');
        }
        return sb.ToString();
    }
}
