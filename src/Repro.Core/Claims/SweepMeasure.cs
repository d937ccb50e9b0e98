namespace Repro.Claims;

/// <summary>What a λ_pred sweep measured (claims 4 and 5): it picks the sweep's noise band and margin.</summary>
public enum SweepMeasure
{
    /// <summary>Truncated RBO of the top-30 lists (fidelity).</summary>
    Rbo,

    /// <summary>Kendall τ-b of the top-30 lists (fidelity).</summary>
    KendallTau,

    /// <summary>Mean monosemanticity score over items.</summary>
    Monosemanticity,
}
