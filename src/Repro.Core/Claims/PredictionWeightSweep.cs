using Repro.Experiments;

namespace Repro.Claims;

/// <summary>A measured quantity along a λ_pred sweep (<see cref="Repro.SparseAutoencoders.SaeSettings.PredictionWeight"/>, the paper's β), e.g. "ml-1m MF RBO" at λ_pred ∈ {0, 1, 2, 5, 10} (claims 4 and 5).</summary>
/// <param name="Label">What was measured on which model; also the name of the sweep's margin (<see cref="NoiseMargins"/>).</param>
/// <param name="PredictionWeights">The λ_pred values, in any order.</param>
/// <param name="Values">The measurement at each λ_pred.</param>
public sealed record PredictionWeightSweep(string Label, IReadOnlyList<double> PredictionWeights, IReadOnlyList<double> Values)
{
    /// <summary>What was measured (picks the noise band).</summary>
    public SweepMeasure Measure { get; init; } = SweepMeasure.Rbo;

    /// <summary>The paper's values at the same λ_pred (aligned with <see cref="PredictionWeights"/>), where it printed them.</summary>
    public IReadOnlyList<double>? Paper { get; init; }

    /// <summary>The noise band of one value of this sweep.</summary>
    public double Band(NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return Measure switch
        {
            SweepMeasure.KendallTau => bands.KendallTau,
            SweepMeasure.Monosemanticity => bands.Monosemanticity,
            _ => bands.Rbo,
        };
    }

    /// <summary>The positions of the smallest and the largest λ_pred; throws naming the sweep unless it has ≥ 2 λ_pred values with one value each.</summary>
    public (int Lo, int Hi) Ends()
    {
        if (PredictionWeights.Count != Values.Count || PredictionWeights.Count < 2)
        {
            throw new InvalidOperationException($"Sweep '{Label}' needs at least 2 λ_pred values with one value each (got {PredictionWeights.Count} and {Values.Count}).");
        }
        int lo = 0, hi = 0;
        for (int i = 1; i < PredictionWeights.Count; i++)
        {
            lo = PredictionWeights[i] < PredictionWeights[lo] ? i : lo;
            hi = PredictionWeights[i] > PredictionWeights[hi] ? i : hi;
        }
        return (lo, hi);
    }

    /// <summary>The position of λ_pred = <paramref name="predictionWeight"/> (compared exactly: grids are written as literals), or −1.</summary>
    public int IndexOf(double predictionWeight)
    {
        for (int i = 0; i < PredictionWeights.Count; i++)
        {
            if (PredictionWeights[i] == predictionWeight)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The values in ascending λ_pred order.</summary>
    public double[] InOrder() => [.. Enumerable.Range(0, Values.Count).OrderBy(i => PredictionWeights[i]).Select(i => Values[i])];
}
