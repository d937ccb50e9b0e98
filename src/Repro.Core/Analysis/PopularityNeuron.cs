using Repro.Data;

namespace Repro.Analysis;

/// <summary>Every neuron's mean popularity rank of its top K items, and the most popularity-aligned neuron.</summary>
/// <param name="K">Top items read per neuron.</param>
/// <param name="ItemCount">Catalogue size (the rank scale: 0 = most popular, ItemCount − 1 = least).</param>
/// <param name="MeanRankPerNeuron">Mean popularity rank of each neuron's top K; NaN for a dead neuron.</param>
/// <param name="Neuron">The neuron with the lowest mean rank (ties to the lower index); -1 if all are dead.</param>
public sealed record PopularityNeuronResult(int K, int ItemCount, IReadOnlyList<double> MeanRankPerNeuron, int Neuron)
{
    /// <summary>Mean popularity rank of the popularity neuron's top K.</summary>
    public double MeanRank => Neuron < 0 ? double.NaN : MeanRankPerNeuron[Neuron];

    /// <summary>That mean rank as a share of the catalogue (0 = the very most popular items).</summary>
    public double MeanRankShare => MeanRank / ItemCount;

    /// <summary>SPEC §7's wording of claim 3: the mean rank lies in the catalogue's top 20 % (mean rank &lt; 0.2 × items). The ledger's rule compares with the median neuron instead.</summary>
    public bool InTopFifth => Neuron >= 0 && MeanRank < 0.2 * ItemCount;
}

/// <summary>
/// The popularity neuron (SPEC §5): the neuron whose top-K items have the lowest mean popularity rank.
/// </summary>
public static class PopularityNeuron
{
    /// <summary>The paper's K on ML-1M.</summary>
    public const int Ml1mK = 500;

    /// <summary>The paper's K on Last.FM.</summary>
    public const int LastFmK = 50;

    /// <summary>The dataset's K, from its profile (ML-1M 500, Last.FM 50, any other dataset 10 % of the catalogue).</summary>
    public static int KFor(RecDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Profile.PopularityK;
    }

    /// <summary>Finds the popularity neuron with the dataset's popularity ranks and its paper K.</summary>
    public static PopularityNeuronResult Find(float[,] activations, RecDataset dataset, int? k = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Find(activations, dataset.PopularityRank, k ?? KFor(dataset));
    }

    /// <summary>Finds the popularity neuron given each item's popularity rank (0 = most popular).</summary>
    public static PopularityNeuronResult Find(float[,] activations, IReadOnlyList<int> popularityRank, int k)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(popularityRank);
        int items = activations.GetLength(0), neurons = activations.GetLength(1);
        if (popularityRank.Count != items)
        {
            throw new ArgumentException($"{popularityRank.Count} popularity ranks for {items} items.", nameof(popularityRank));
        }
        var means = new double[neurons];
        int best = -1;
        for (int j = 0; j < neurons; j++)
        {
            means[j] = MeanTopRank(activations, j, popularityRank, k);
            if (!double.IsNaN(means[j]) && (best < 0 || means[j] < means[best]))
            {
                best = j;
            }
        }
        return new PopularityNeuronResult(Math.Min(k, items), items, means, best);
    }

    /// <summary>Mean popularity rank of one neuron's top K items; NaN if the neuron is dead.</summary>
    public static double MeanTopRank(float[,] activations, int neuron, IReadOnlyList<int> popularityRank, int k)
    {
        ArgumentNullException.ThrowIfNull(popularityRank);
        // A dead neuron's top K would be the lowest item indices: meaningless, so it cannot be the popularity neuron.
        if (ActivationRanking.IsDead(activations, neuron))
        {
            return double.NaN;
        }
        int[] top = ActivationRanking.Top(activations, neuron, k);
        if (top.Length == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        foreach (int i in top)
        {
            sum += popularityRank[i];
        }
        return sum / top.Length;
    }
}
