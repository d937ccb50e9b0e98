using Repro.Data;

namespace Repro.Analysis;

/// <summary>Decade shares of every neuron's top items against the catalogue's, and the "golden age" neuron.</summary>
/// <param name="K">Top items read per neuron (200 in the paper).</param>
/// <param name="Decades">Decade bucket names, in table order.</param>
/// <param name="CatalogueShares">Share of the catalogue in each decade.</param>
/// <param name="NeuronShares">[neuron, decade]: share of the neuron's top K in each decade; NaN rows for dead neurons.</param>
/// <param name="GoldenAgeDecade">Index of the oldest bucket (the one whose name contains 1969).</param>
/// <param name="GoldenAgeNeuron">Neuron with the highest share of the oldest bucket (ties to the lower index); -1 if all dead.</param>
public sealed record EraNeuronsResult(int K, IReadOnlyList<string> Decades, IReadOnlyList<double> CatalogueShares, double[,] NeuronShares, int GoldenAgeDecade, int GoldenAgeNeuron)
{
    /// <summary>The golden-age neuron's share of pre-1970 items in its top K.</summary>
    public double GoldenAgeShare => GoldenAgeNeuron < 0 ? double.NaN : NeuronShares[GoldenAgeNeuron, GoldenAgeDecade];

}

/// <summary>Era neurons on ML-1M (SPEC §5): decade shares of each neuron's top 200 items against the catalogue's.</summary>
public static class EraNeurons
{
    /// <summary>The paper's depth.</summary>
    public const int DefaultK = 200;

    /// <summary>Uses the dataset's "decade" concept table.</summary>
    public static EraNeuronsResult Compute(float[,] activations, RecDataset dataset, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Compute(activations, dataset.Table("decade"), k);
    }

    /// <summary>Decade shares per neuron; an item without a known year counts in the denominator but in no decade.</summary>
    public static EraNeuronsResult Compute(float[,] activations, ConceptTable decades, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(decades);
        ConceptPurity.Check(activations, decades);
        // Decision: the golden-age bucket is found by name (SPEC §2 calls it "≤1969"; either spelling contains 1969).
        int golden = -1;
        for (int d = 0; d < decades.Count && golden < 0; d++)
        {
            golden = decades.Names[d].Contains("1969", StringComparison.Ordinal) ? d : -1;
        }
        if (golden < 0)
        {
            throw new ArgumentException($"No pre-1970 bucket (a name containing 1969) among: {string.Join(", ", decades.Names)}.", nameof(decades));
        }
        int neurons = activations.GetLength(1);
        var shares = new double[neurons, decades.Count];
        int best = -1;
        for (int j = 0; j < neurons; j++)
        {
            bool dead = ActivationRanking.IsDead(activations, j);
            int[] top = dead ? [] : ActivationRanking.Top(activations, j, k);
            for (int d = 0; d < decades.Count; d++)
            {
                shares[j, d] = dead ? double.NaN : ConceptPurity.PurityAt(top, decades, d, k);
            }
            if (!dead && (best < 0 || shares[j, golden] > shares[best, golden]))
            {
                best = j;
            }
        }
        var catalogue = Enumerable.Range(0, decades.Count).Select(decades.BaseRate).ToArray();
        return new EraNeuronsResult(Math.Min(k, decades.ItemCount), decades.Names, catalogue, shares, golden, best);
    }
}
