using Repro.Experiments;

namespace Repro.Claims;

/// <summary>A measured quantity along a λ_pred sweep (<see cref="Repro.SparseAutoencoders.SaeSettings.PredictionWeight"/>, the paper's β), e.g. "ml-1m MF RBO" at λ_pred ∈ {0, 1, 2, 5, 10} (claims 4 and 5).</summary>
/// <param name="Label">What was measured on which model.</param>
/// <param name="PredictionWeights">The λ_pred values, in any order.</param>
/// <param name="Values">The measurement at each λ_pred.</param>
public sealed record PredictionWeightSweep(string Label, IReadOnlyList<double> PredictionWeights, IReadOnlyList<double> Values)
{
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
}
