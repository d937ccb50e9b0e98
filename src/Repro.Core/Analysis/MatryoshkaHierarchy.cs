using System.Globalization;
using Repro.Data;

namespace Repro.Analysis;

/// <summary>One band of Matryoshka latents [Start, End) and what its neurons look like.</summary>
/// <param name="Name">"first m/4", "next m/4", "last m/2".</param>
/// <param name="Start">First neuron of the band.</param>
/// <param name="End">One past the last neuron (also the size of the prefix that ends with this band).</param>
/// <param name="ActivationFrequency">Share of items with z &gt; 0, averaged over the band's neurons (dead ones count as 0).</param>
/// <param name="MeanPopularityRank">Mean over the band's live neurons of the mean popularity rank of their top K.</param>
/// <param name="ConceptEntropyBits">Mean over live neurons of the entropy (bits) of their top-K concept histogram.</param>
/// <param name="BestPurityAt20">Highest purity@20 of any (neuron, concept) in the band.</param>
/// <param name="BestPurityLabel">"neuron j: concept" of that best purity.</param>
/// <param name="PrefixFvu">FVU when decoding with the prefix [0, End) only, as supplied by the SAE code (NaN if not given).</param>
public sealed record MatryoshkaBand(string Name, int Start, int End, double ActivationFrequency, double MeanPopularityRank,
    double ConceptEntropyBits, double BestPurityAt20, string BestPurityLabel, double PrefixFvu)
{
    /// <summary>Median over the band's live neurons of their best raw tag's base rate (<see cref="TagSpecificity"/>): lower is more specific.</summary>
    public double MedianTagBaseRate { get; init; } = double.NaN;

    /// <summary>Median over the band's live neurons of their best raw tag's purity@20.</summary>
    public double MedianTagPurity { get; init; } = double.NaN;
}

/// <summary>The three bands of a Matryoshka SAE.</summary>
/// <param name="PopularityK">Top items read for the popularity rank.</param>
/// <param name="ConceptK">Top items read for the concept histogram.</param>
/// <param name="Bands">first m/4, next m/4, last m/2.</param>
public sealed record MatryoshkaResult(int PopularityK, int ConceptK, IReadOnlyList<MatryoshkaBand> Bands)
{
    /// <summary>Every neuron's best raw tag and its base rate (empty when no raw tags were given).</summary>
    public IReadOnlyList<NeuronSpecificity> Neurons { get; init; } = [];

    /// <summary>The table the raw tags come from ("tag"; "genre" where a dataset has no finer tags), or empty.</summary>
    public string TagKind { get; init; } = "";

    /// <summary>The first band (coarse latents).</summary>
    public MatryoshkaBand First => Bands[0];

    /// <summary>The last band (fine latents).</summary>
    public MatryoshkaBand Last => Bands[^1];
}

/// <summary>
/// Matryoshka hierarchy (SPEC §5): with nested prefixes [m/4, m/2, m], compare the bands first m/4, next m/4 and
/// last m/2 by density, popularity alignment, concept specificity and purity.
/// </summary>
public static class MatryoshkaHierarchy
{
    /// <summary>The nested prefix sizes m/4, m/2, m (integer division when m is not a multiple of 4).</summary>
    public static int[] PrefixSizes(int m) => [m / 4, m / 2, m];

    /// <summary>Measures each band; <paramref name="prefixFvu"/> holds the FVU of the prefixes m/4, m/2, m (or null).</summary>
    /// <param name="activations">[items, m] item activations.</param>
    /// <param name="popularityRank">Per item, 0 = most popular.</param>
    /// <param name="concepts">The concepts for the histogram and purity (genres, tags).</param>
    /// <param name="popularityK">Top items per neuron for the popularity rank (500 ML-1M, 50 Last.FM).</param>
    /// <param name="conceptK">Top items per neuron for the concept histogram; defaults to <paramref name="popularityK"/>.</param>
    /// <param name="prefixFvu">FVU per prefix, computed by the SAE code.</param>
    /// <param name="rawTags">The finest tags of the items, for each neuron's specificity (<see cref="TagSpecificity"/>), or null.</param>
    public static MatryoshkaResult Compute(float[,] activations, IReadOnlyList<int> popularityRank, ConceptTable concepts,
        int popularityK, int? conceptK = null, IReadOnlyList<double>? prefixFvu = null, ConceptTable? rawTags = null)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(popularityRank);
        ConceptPurity.Check(activations, concepts);
        int m = activations.GetLength(1), items = activations.GetLength(0);
        if (m < 4)
        {
            throw new ArgumentException($"A Matryoshka hierarchy needs at least 4 latents, got {m}.", nameof(activations));
        }
        if (prefixFvu is not null && prefixFvu.Count != 3)
        {
            throw new ArgumentException($"Expected 3 prefix FVUs (m/4, m/2, m), got {prefixFvu.Count}.", nameof(prefixFvu));
        }
        int ck = conceptK ?? popularityK;
        int[] p = PrefixSizes(m);
        (string Name, int Start, int End)[] bands = [("first m/4", 0, p[0]), ("next m/4", p[0], p[1]), ("last m/2", p[1], p[2])];
        var purity = ConceptPurity.Matrix(activations, concepts, ConceptPurity.SelectionDepth);
        IReadOnlyList<NeuronSpecificity> specificity = rawTags is null ? [] : TagSpecificity.Compute(activations, rawTags);
        // Decision: entropy and popularity are per neuron, then averaged over the band's live neurons: claim 10 is
        // about how specific each neuron is, which a histogram pooled over the band would blur into band diversity.
        var result = new List<MatryoshkaBand>(3);
        for (int b = 0; b < 3; b++)
        {
            var (name, start, end) = bands[b];
            double freq = 0, pop = 0, entropy = 0, bestPurity = double.NaN;
            int live = 0;
            string bestLabel = "-";
            for (int j = start; j < end; j++)
            {
                int active = 0;
                for (int i = 0; i < items; i++)
                {
                    active += activations[i, j] > 0 ? 1 : 0;
                }
                freq += (double)active / items;
                if (ActivationRanking.IsDead(activations, j))
                {
                    continue;
                }
                live++;
                pop += PopularityNeuron.MeanTopRank(activations, j, popularityRank, popularityK);
                entropy += ConceptEntropyBits(ActivationRanking.Top(activations, j, ck), concepts);
                for (int c = 0; c < concepts.Count; c++)
                {
                    if (double.IsNaN(bestPurity) || purity[j, c] > bestPurity)
                    {
                        bestPurity = purity[j, c];
                        bestLabel = string.Create(CultureInfo.InvariantCulture, $"neuron {j}: {concepts.Names[c]}");
                    }
                }
            }
            var band = specificity.Where(n => n.Neuron >= start && n.Neuron < end).ToList();
            result.Add(new MatryoshkaBand(name, start, end, freq / (end - start),
                live == 0 ? double.NaN : pop / live, live == 0 ? double.NaN : entropy / live,
                bestPurity, bestLabel, prefixFvu?[b] ?? double.NaN)
            {
                MedianTagBaseRate = TagSpecificity.Median(band.Select(n => n.BaseRate)),
                MedianTagPurity = TagSpecificity.Median(band.Select(n => n.PurityAt20)),
            });
        }
        return new MatryoshkaResult(Math.Min(popularityK, items), Math.Min(ck, items), result) { Neurons = specificity, TagKind = rawTags?.Kind ?? "" };
    }

    /// <summary>
    /// Entropy in bits of the concept histogram of <paramref name="items"/>: each item adds one count to every concept
    /// it carries (multi-genre items count once per genre; items without concepts add nothing). 0 if no counts.
    /// </summary>
    public static double ConceptEntropyBits(IReadOnlyList<int> items, ConceptTable concepts)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(concepts);
        var counts = new int[concepts.Count];
        int total = 0;
        foreach (int i in items)
        {
            for (int c = 0; c < concepts.Count; c++)
            {
                if (concepts.Has(i, c))
                {
                    counts[c]++;
                    total++;
                }
            }
        }
        double h = 0;
        foreach (int n in counts)
        {
            if (n > 0)
            {
                double q = (double)n / total;
                h -= q * Math.Log2(q);
            }
        }
        return h;
    }
}
