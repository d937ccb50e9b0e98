using System.Globalization;
using Repro.Analysis;

namespace Repro.Presentation;

/// <summary>The Matryoshka hierarchy's table (SPEC §5).</summary>
public static class HierarchyTables
{
    /// <summary>One row per band.</summary>
    public static string ToMarkdown(this MatryoshkaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new MarkdownTable("band", "neurons", "activation frequency", string.Create(CultureInfo.InvariantCulture, $"mean pop. rank of top {result.PopularityK}"),
            string.Create(CultureInfo.InvariantCulture, $"concept entropy of top {result.ConceptK} (bits)"), "best purity@20", "prefix FVU")
            .Tolerance("prefix FVU", Tolerances.Fvu);
        foreach (var b in result.Bands)
        {
            t.Add(b.Name, string.Create(CultureInfo.InvariantCulture, $"{b.Start}-{b.End - 1}"), b.ActivationFrequency, b.MeanPopularityRank,
                b.ConceptEntropyBits, string.Create(CultureInfo.InvariantCulture, $"{MarkdownTable.Fixed(b.BestPurityAt20)} ({b.BestPurityLabel})"), b.PrefixFvu);
        }
        return t.ToString();
    }
}
