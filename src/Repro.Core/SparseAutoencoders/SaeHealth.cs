using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>SAE health numbers (SPEC §5 "SAE health").</summary>
/// <param name="Latents">m.</param>
/// <param name="L0Users">Mean number of active latents per user vector.</param>
/// <param name="L0Items">Mean number of active latents per item vector.</param>
/// <param name="DeadLatents">Latents that are zero for every user and every item measured.</param>
/// <param name="Fvu">Σ‖x−x̂‖² / Σ‖x−x̄‖² over users and items together (x̄ = their joint mean).</param>
/// <param name="FvuUsers">The same over users alone.</param>
/// <param name="FvuItems">The same over items alone.</param>
/// <param name="ZeroCodeFvu">The FVU of decoding an all-zero code (the floor any useful code must beat).</param>
/// <param name="MeanActivation">Per latent, mean activation over users and items.</param>
/// <param name="ActivationFrequency">Per latent, share of users and items on which it is active.</param>
public sealed record SaeHealthReport(
    int Latents, double L0Users, double L0Items, int DeadLatents, double Fvu, double FvuUsers, double FvuItems, double ZeroCodeFvu,
    double[] MeanActivation, double[] ActivationFrequency)
{
    /// <summary>Dead latents as a share of m.</summary>
    public double DeadRate => (double)DeadLatents / Latents;

    /// <summary>Mean active latents over all measured vectors (users and items pooled).</summary>
    public double L0 { get; init; }
}

/// <summary>Measures L0, dead latents, FVU and per-latent activation statistics of an SAE on given vectors.</summary>
public static class SaeHealth
{
    /// <summary>
    /// Measures on the given user and item vectors (the suite passes all users and all items: analysis applies the
    /// SAE to every one of them, so a latent is dead only if nothing in the catalogue or user base fires it).
    /// </summary>
    public static SaeHealthReport Measure(ISparseAutoencoder sae, Tensor users, Tensor items)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor zU = sae.Encode(users), zI = sae.Encode(items);
        Tensor uHat = sae.Decode(zU, users), iHat = sae.Decode(zI, items);
        Tensor uZero = sae.Decode(zeros_like(zU), users), iZero = sae.Decode(zeros_like(zI), items);

        Tensor activeU = zU.gt(Zero), activeI = zI.gt(Zero);
        double l0U = activeU.sum(1).to_type(ScalarType.Float64).mean().item<double>();
        double l0I = activeI.sum(1).to_type(ScalarType.Float64).mean().item<double>();
        Tensor z = cat([zU, zI]).to_type(ScalarType.Float64);
        Tensor active = z.gt(Zero);
        double l0 = active.sum(1).to_type(ScalarType.Float64).mean().item<double>();
        double[] frequency = active.to_type(ScalarType.Float64).mean([0]).data<double>().ToArray();
        double[] meanActivation = z.mean([0]).data<double>().ToArray();
        int dead = frequency.Count(f => f == 0);

        Tensor x = cat([users, items]), xHat = cat([uHat, iHat]), xZero = cat([uZero, iZero]);
        return new SaeHealthReport(
            sae.Latents, l0U, l0I, dead,
            Fvu(x, xHat), Fvu(users, uHat), Fvu(items, iHat), Fvu(x, xZero),
            meanActivation, frequency)
        { L0 = l0 };
    }

    /// <summary><c>Σ‖x−x̂‖² / Σ‖x−x̄‖²</c>, in double precision, x̄ the mean row of x.</summary>
    public static double Fvu(Tensor x, Tensor xHat)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(xHat);
        using var scope = NewDisposeScope();
        Tensor xd = x.to_type(ScalarType.Float64), hd = xHat.to_type(ScalarType.Float64);
        double residual = (xd - hd).pow(Two).sum().item<double>();
        double total = (xd - xd.mean([0], keepdim: true)).pow(Two).sum().item<double>();
        return residual / total;
    }
}
