namespace Repro.Claims;

/// <summary>
/// The noise band each measure's number carries when a claim tests it (<see cref="Check"/>): a number within its band
/// of a boundary is a tie. For our numbers the bands are the tolerances the approved tables declare
/// (<see cref="Tolerances"/>: the move another numeric path can make); purities, counts, popularity ranks and shares of
/// the catalogue are compared exactly and carry none. The paper's printed numbers are constants: they carry none either.
/// </summary>
/// <param name="Rbo">RBO.</param>
/// <param name="KendallTau">Kendall τ-b.</param>
/// <param name="Monosemanticity">Mean monosemanticity score.</param>
/// <param name="Fvu">Fraction of variance unexplained.</param>
/// <param name="L0">Mean active latents per vector.</param>
public sealed record NoiseBands(double Rbo, double KendallTau, double Monosemanticity, double Fvu, double L0)
{
    /// <summary>Our measured numbers: the approved tables' tolerances.</summary>
    public static NoiseBands Measured { get; } = new(Tolerances.Rbo, Tolerances.KendallTau, Tolerances.Monosemanticity, Tolerances.Fvu, Tolerances.L0);

    /// <summary>Numbers printed by the paper (constants, no band).</summary>
    public static NoiseBands Printed { get; } = new(0, 0, 0, 0, 0);
}
