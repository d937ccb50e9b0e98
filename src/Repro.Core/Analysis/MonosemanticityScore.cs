namespace Repro.Analysis;

/// <summary>Monosemanticity score of every neuron and their mean.</summary>
/// <param name="TopN">Top items read per neuron (30).</param>
/// <param name="PerNeuron">MS_j; NaN where undefined (dead neuron, or fewer than two top items with non-zero weight).</param>
/// <param name="Mean">Mean of MS_j over the neurons where it is defined (NaN if none).</param>
/// <param name="Excluded">How many neurons were left out of the mean.</param>
public sealed record MonosemanticityResult(int TopN, IReadOnlyList<double> PerNeuron, double Mean, int Excluded);

/// <summary>
/// Monosemanticity score (Pach et al. 2025, as SPEC §5 pins it): per neuron, min-max scale its activations over the
/// items to r ∈ [0, 1], take the top 30 items, and average the cosine similarity of their ORIGINAL recommender
/// embeddings over distinct pairs weighted by r_a·r_b: MS_j = Σ_{a≠b} r_a r_b s_ab / Σ_{a≠b} r_a r_b.
/// </summary>
public static class MonosemanticityScore
{
    /// <summary>The paper's number of top items.</summary>
    public const int DefaultTopN = 30;

    /// <summary>Scores every neuron; <paramref name="itemEmbeddings"/> is [items, n], the frozen recommender's item vectors.</summary>
    public static MonosemanticityResult Compute(float[,] activations, float[,] itemEmbeddings, int topN = DefaultTopN)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(itemEmbeddings);
        int items = activations.GetLength(0), neurons = activations.GetLength(1), dim = itemEmbeddings.GetLength(1);
        if (itemEmbeddings.GetLength(0) != items)
        {
            throw new ArgumentException($"{itemEmbeddings.GetLength(0)} embeddings for {items} items.", nameof(itemEmbeddings));
        }
        // Unit vectors once; a zero embedding gets cosine 0 with everything rather than NaN.
        var unit = new double[items, dim];
        for (int i = 0; i < items; i++)
        {
            double norm = 0;
            for (int d = 0; d < dim; d++)
            {
                norm += (double)itemEmbeddings[i, d] * itemEmbeddings[i, d];
            }
            norm = Math.Sqrt(norm);
            for (int d = 0; d < dim; d++)
            {
                unit[i, d] = norm > 0 ? itemEmbeddings[i, d] / norm : 0;
            }
        }

        var ms = new double[neurons];
        double sum = 0;
        int scored = 0;
        for (int j = 0; j < neurons; j++)
        {
            ms[j] = Neuron(activations, j, unit, topN);
            if (!double.IsNaN(ms[j]))
            {
                sum += ms[j];
                scored++;
            }
        }
        // Decision: a dead neuron (constant activations, so min-max scaling divides by zero) has no top items to
        // judge; it is excluded from the mean and counted in Excluded, not scored 0 (which would punish sparsity
        // twice) nor 1. Same for a neuron with fewer than two non-zero weights in its top N (0/0).
        return new MonosemanticityResult(topN, ms, scored == 0 ? double.NaN : sum / scored, neurons - scored);
    }

    private static double Neuron(float[,] activations, int j, double[,] unit, int topN)
    {
        if (ActivationRanking.IsDead(activations, j))
        {
            return double.NaN;
        }
        int items = activations.GetLength(0), dim = unit.GetLength(1);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = 0; i < items; i++)
        {
            min = Math.Min(min, activations[i, j]);
            max = Math.Max(max, activations[i, j]);
        }
        int[] top = ActivationRanking.Top(activations, j, topN);
        var r = new double[top.Length];
        for (int a = 0; a < top.Length; a++)
        {
            r[a] = ((double)activations[top[a], j] - min) / ((double)max - min);
        }
        double num = 0, den = 0;
        for (int a = 0; a < top.Length; a++)
        {
            for (int b = a + 1; b < top.Length; b++)
            {
                double w = r[a] * r[b];
                if (w == 0)
                {
                    continue;
                }
                double s = 0;
                for (int d = 0; d < dim; d++)
                {
                    s += unit[top[a], d] * unit[top[b], d];
                }
                // Each unordered pair stands for (a, b) and (b, a); the factor 2 cancels in the ratio.
                num += w * s;
                den += w;
            }
        }
        return den > 0 ? num / den : double.NaN;
    }
}
