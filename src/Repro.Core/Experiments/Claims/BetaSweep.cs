namespace Repro.Experiments.Claims;

/// <summary>A measured quantity along a λ_pred (β) sweep, e.g. "ml-1m MF RBO" at β ∈ {0, 1, 2, 5, 10} (claims 4 and 5).</summary>
/// <param name="Label">What was measured on which model.</param>
/// <param name="Betas">The β values, in any order.</param>
/// <param name="Values">The measurement at each β.</param>
public sealed record BetaSweep(string Label, IReadOnlyList<double> Betas, IReadOnlyList<double> Values)
{
    /// <summary>The positions of the smallest and the largest β; throws naming the sweep unless it has ≥ 2 betas with one value each.</summary>
    public (int Lo, int Hi) Ends()
    {
        if (Betas.Count != Values.Count || Betas.Count < 2)
        {
            throw new InvalidOperationException($"Sweep '{Label}' needs at least 2 betas with one value each (got {Betas.Count} and {Values.Count}).");
        }
        int lo = 0, hi = 0;
        for (int i = 1; i < Betas.Count; i++)
        {
            lo = Betas[i] < Betas[lo] ? i : lo;
            hi = Betas[i] > Betas[hi] ? i : hi;
        }
        return (lo, hi);
    }
}
