using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// KL sparsity term for one set of codes (SPEC §4):
/// <c>Σ_j ρ log((ρ+ε)/(ρ̂_j+ε)) + (1−ρ) log((1−ρ+ε)/(1−ρ̂_j+ε))</c>, with ρ̂_j the batch mean of z_j
/// (a mean activation value, not a firing rate) clamped to [1e-6, 1−1e-6]. An instance holds the Scalars of its ρ
/// for as long as the training that uses it (no Scalar temporaries on the torch path, STACK.md).
/// </summary>
public sealed class KlSparsity : IDisposable
{
    /// <summary>ε inside the logarithms.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>Clamp bound of ρ̂: the notebooks' guard against log(0) for dead or saturated latents.</summary>
    public const double ClampBound = 1e-6;

    private static readonly TorchSharp.Scalar Low = ClampBound;
    private static readonly TorchSharp.Scalar High = 1 - ClampBound;
    private static readonly TorchSharp.Scalar Eps = Epsilon;

    private readonly KeptScalars _kept = new();
    private readonly TorchSharp.Scalar _rho, _oneMinusRho, _logRho, _logOneMinusRho;

    /// <summary>The term for target mean activation <paramref name="rho"/> in (0, 1).</summary>
    public KlSparsity(double rho)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rho);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rho, 1.0);
        Rho = rho;
        _rho = _kept.Of(rho);
        _oneMinusRho = _kept.Of(1 - rho);
        _logRho = _kept.Of(Math.Log(rho + Epsilon));
        _logOneMinusRho = _kept.Of(Math.Log(1 - rho + Epsilon));
    }

    /// <summary>The target mean activation ρ.</summary>
    public double Rho { get; }

    /// <summary>KL divergence summed over latents, [B, m] → scalar; for a stacked SAE's codes [S, B, m], one per member → [S].</summary>
    public Tensor Compute(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        return z.dim() == 3 ? Members.Stack(z, s => Compute(z[s])) : OneCode(z);
    }

    private Tensor OneCode(Tensor z)
    {
        using var scope = NewDisposeScope();
        Tensor rhoHat = z.mean([0]).clamp(Low, High);
        // c − t is computed as −t + c: the same IEEE result, and no Scalar made inside TorchSharp.
        Tensor first = rhoHat.add(Eps, One).log().neg().add(_logRho, One).mul(_rho);
        Tensor second = rhoHat.neg().add(One, One).add(Eps, One).log().neg().add(_logOneMinusRho, One).mul(_oneMinusRho);
        return first.add(second, One).sum().MoveToOuterDisposeScope();
    }

    /// <summary>The term for one batch, with Scalars made and freed around the call (tests and one-off uses).</summary>
    public static Tensor Compute(Tensor z, double rho)
    {
        using var kl = new KlSparsity(rho);
        return kl.Compute(z);
    }

    /// <summary>Frees the Scalars of ρ.</summary>
    public void Dispose() => _kept.Dispose();
}
