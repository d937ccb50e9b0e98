using Repro.Experiments;

namespace Repro.Claims;

/// <summary>One KL-versus-Top-K comparison at matched L0 (claim 6): means over its seeds.</summary>
/// <param name="Label">Dataset, model and latent width.</param>
/// <param name="KlDeadRate">Mean dead rate of the KL SAEs.</param>
/// <param name="KlL0">Mean L0 of the KL SAEs.</param>
/// <param name="TopKDeadRate">Mean dead rate of the Top-K SAEs.</param>
/// <param name="TopKL0">Mean L0 of the Top-K SAEs.</param>
public sealed record DeadLatentComparison(string Label, double KlDeadRate, double KlL0, double TopKDeadRate, double TopKL0);
