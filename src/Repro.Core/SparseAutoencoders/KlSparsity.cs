using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// KL sparsity term for one set of codes (SPEC §4):
/// <c>Σ_j ρ log((ρ+ε)/(ρ̂_j+ε)) + (1−ρ) log((1−ρ+ε)/(1−ρ̂_j+ε))</c>, with ρ̂_j the batch mean of z_j
/// (a mean activation value, not a firing rate) clamped to [1e-6, 1−1e-6].
/// </summary>
public static class KlSparsity
{
    /// <summary>ε inside the logarithms.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>Clamp bound of ρ̂: the notebooks' guard against log(0) for dead or saturated latents.</summary>
    public const double ClampBound = 1e-6;

    /// <summary>KL divergence summed over latents, [B, m] → scalar.</summary>
    public static Tensor Compute(Tensor z, double rho)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rho);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rho, 1.0);
        using var scope = NewDisposeScope();
        Tensor rhoHat = z.mean([0]).clamp(ClampBound, 1 - ClampBound);
        Tensor first = rho * (Math.Log(rho + Epsilon) - (rhoHat + Epsilon).log());
        Tensor second = (1 - rho) * (Math.Log(1 - rho + Epsilon) - (1 - rhoHat + Epsilon).log());
        return (first + second).sum().MoveToOuterDisposeScope();
    }
}
