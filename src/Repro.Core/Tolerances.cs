namespace Repro;

/// <summary>
/// The tolerances the approved tables declare for numbers that come out of a torch training (every SAE, the NCF
/// recommender), in one place at the root, because two layers read them: the tables' <c>Tolerances:</c> lines and the
/// claims' noise bands (a number inside its band of a verdict's boundary is a tie: <c>Repro.Claims.NoiseBands</c>). With <see cref="NumericPins"/> those numbers are bit-identical on any x86-64 CPU (the
/// ISA-emulation test); these bounds absorb what the pins cannot reach (another libm or libtorch build) without
/// hiding a real change. Measured noise they rest on, as the largest move of each kind of number:
/// (a) the planted pipeline with and without the pins on one machine (<c>REPRO_NUMERIC_PINS=off</c>: this CPU's own
/// MKL and ATen paths, a last-bit perturbation that chaotic trainings amplify): NCF HR@10 0.013, NDCG@10 0.003,
/// L0 0.16, FVU 0.011, RBO 0.017, Kendall τ 0.030, MS 0.031, intervention shares 0.038; MF SAE numbers did not move
/// at 4 significant digits; (b) the real data on another CPU before the pins (issue 11): ML-1M NCF HR@10 0.020,
/// Last.FM NCF HR@10 0.029, MS 0.016, RBO 0.017. Each bound is about 1.5 × the largest, rounded up. Plain-C# numbers
/// (the MF recommender, data summaries) declare none and compare exactly.
/// </summary>
public static class Tolerances
{
    /// <summary>HR@10 of a torch-trained recommender (both protocols).</summary>
    public const double HitRate = 0.045;

    /// <summary>NDCG@10 of a torch-trained recommender (both protocols).</summary>
    public const double Ndcg = 0.02;

    /// <summary>A torch-trained recommender's final training loss.</summary>
    public const double TrainingLoss = 0.003;

    /// <summary>Mean active latents per vector.</summary>
    public const double L0 = 0.25;

    /// <summary>Fraction of variance unexplained.</summary>
    public const double Fvu = 0.02;

    /// <summary>RBO (truncated and extrapolated).</summary>
    public const double Rbo = 0.03;

    /// <summary>Kendall τ-b.</summary>
    public const double KendallTau = 0.05;

    /// <summary>Monosemanticity score (mean over neurons).</summary>
    public const double Monosemanticity = 0.03;

    /// <summary>A concept's share in the audience's top 30, an exposure, or a side-effect RBO of an intervention.</summary>
    public const double InterventionShare = 0.06;
}
