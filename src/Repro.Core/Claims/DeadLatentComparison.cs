namespace Repro.Claims;

/// <summary>One KL-versus-Top-K comparison at matched L0 (claim 6), one seed: means over that seed's rows.</summary>
/// <param name="Label">Dataset, model and latent width; also the prefix of its margins' names.</param>
/// <param name="Kl">The KL SAE's numbers.</param>
/// <param name="TopK">The Top-K SAE's numbers.</param>
public sealed record DeadLatentComparison(string Label, SparsityNumbers Kl, SparsityNumbers TopK)
{
    /// <summary>Whether the two SAEs run at matched sparsity: L0 within <see cref="FewerDeadLatentsClaim.L0RelativeTolerance"/> of Top-K's.</summary>
    public bool Matched => Math.Abs(Kl.L0 - TopK.L0) <= FewerDeadLatentsClaim.L0RelativeTolerance * Math.Abs(TopK.L0);
}

/// <summary>What claim 6 compares of one SAE.</summary>
/// <param name="Latents">m.</param>
/// <param name="L0">Mean active latents over all users and items.</param>
/// <param name="Dead">Latents active on no user and no item.</param>
/// <param name="NearlyDead">Latents active on fewer than <see cref="FewerDeadLatentsClaim.NearlyDeadFrequency"/> of users and items (the dead included).</param>
/// <param name="Fvu">Fraction of variance unexplained.</param>
/// <param name="Rbo">Fidelity: RBO of the top-30 with both towers reconstructed.</param>
public sealed record SparsityNumbers(int Latents, double L0, int Dead, int NearlyDead, double Fvu, double Rbo);
