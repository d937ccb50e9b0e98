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

    /// <summary>Nearest-rank quantile of sorted values: the smallest value with at least a q share at or below it.</summary>
    public static double Quantile(IReadOnlyList<float> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        int rank = Math.Clamp((int)Math.Ceiling(q * sorted.Count), 1, sorted.Count);
        return sorted[rank - 1];
    }
}
