using static TorchSharp.torch;

namespace Repro.Interventions;

/// <summary>
/// How large an edited neuron's activation usually is, so an absolute intervention value v can be read against it:
/// the median and the 95th percentile of latent j over a set of vectors (an audience's users, or all items).
/// </summary>
/// <param name="Latent">The neuron j.</param>
/// <param name="Over">What the activations were taken over ("the 20 audience users", "all items").</param>
/// <param name="Median">Median activation.</param>
/// <param name="P95">95th percentile (nearest rank).</param>
public sealed record NeuronScale(int Latent, string Over, double Median, double P95)
{
    /// <summary>
    /// Whether the neuron fires on the set it was measured over: its median activation is above 0 (the nearest-rank
    /// median, so more than half of the vectors have it on). D14 edits only such a latent on a user-side audience.
    /// </summary>
    public bool IsActive => Median > 0;

    /// <summary>Measures latent <paramref name="latent"/> of <paramref name="intervention"/>'s SAE over the given rows of a vector table.</summary>
    public static NeuronScale Measure(LatentIntervention intervention, Tensor table, IReadOnlyList<int> rows, int latent, string over)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return new NeuronScale(latent, over, double.NaN, double.NaN);
        }
        float[] z;
        using (NewDisposeScope())
        using (no_grad())
        {
            using var idx = tensor(rows.Select(r => (long)r).ToArray(), device: table.device);
            z = intervention.Sae.Encode(table.index_select(0, idx)).select(1, latent).cpu().data<float>().ToArray();
        }
        Array.Sort(z);
        return new NeuronScale(latent, over, Quantile(z, 0.5), Quantile(z, 0.95));
    }

    /// <summary>
    /// Every latent of <paramref name="intervention"/>'s SAE over the given rows of a vector table, in latent order (one
    /// encode of the rows); no rows gives NaN scales.
    /// </summary>
    public static IReadOnlyList<NeuronScale> MeasureAll(LatentIntervention intervention, Tensor table, IReadOnlyList<int> rows, string over)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        int m = intervention.Sae.Latents;
        if (rows.Count == 0)
        {
            return [.. Enumerable.Range(0, m).Select(j => new NeuronScale(j, over, double.NaN, double.NaN))];
        }
        float[] z;
        using (NewDisposeScope())
        using (no_grad())
        {
            using var idx = tensor(rows.Select(r => (long)r).ToArray(), device: table.device);
            z = intervention.Sae.Encode(table.index_select(0, idx)).t().contiguous().cpu().data<float>().ToArray();
        }
        var scales = new NeuronScale[m];
        for (int j = 0; j < m; j++)
        {
            float[] column = z.AsSpan(j * rows.Count, rows.Count).ToArray();
            Array.Sort(column);
            scales[j] = new NeuronScale(j, over, Quantile(column, 0.5), Quantile(column, 0.95));
        }
        return scales;
    }

    /// <summary>Nearest-rank quantile of sorted values: the smallest value with at least a q share at or below it.</summary>
    public static double Quantile(IReadOnlyList<float> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        int rank = Math.Clamp((int)Math.Ceiling(q * sorted.Count), 1, sorted.Count);
        return sorted[rank - 1];
    }
}
