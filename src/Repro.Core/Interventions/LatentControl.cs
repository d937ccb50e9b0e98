using Repro.Data;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Interventions;

/// <summary>One latent's result in an intervention control: the edit made on it instead of the concept's latent.</summary>
/// <param name="Latent">The latent edited.</param>
/// <param name="PurityAt20">Its item purity@20 for the concept.</param>
/// <param name="Median">Its median activation over the audience.</param>
/// <param name="Share">The concept's share in the audience's top N after the edit ("edit only").</param>
/// <param name="Effect">The move in the intended direction: Orig − share for a suppression, share − Orig for a nudge.</param>
public sealed record ControlEdit(int Latent, double PurityAt20, double Median, double Share, double Effect);

/// <summary>
/// The intervention control (issue #22): the same edit (the grid's strongest v) on each OTHER latent active on the
/// audience, beside the concept latent's. An edit that any active latent makes as well says nothing about the
/// concept; the claims require the concept latent's effect to beat the others' (<see cref="OthersMedian"/>,
/// <see cref="OthersP75"/>).
/// </summary>
/// <param name="Value">The value v written (the grid's last: the lowest for a suppression, the highest for a nudge).</param>
/// <param name="Concept">The concept latent's own edit.</param>
/// <param name="Others">Every other latent active on the audience, in latent order (empty: the control is undefined).</param>
public sealed record InterventionControl(double Value, ControlEdit Concept, IReadOnlyList<ControlEdit> Others)
{
    /// <summary>Median of the other latents' effects (NaN when there are none).</summary>
    public double OthersMedian => Percentile([.. Others.Select(o => o.Effect)], 0.5);

    /// <summary>75th percentile of the other latents' effects (NaN when there are none).</summary>
    public double OthersP75 => Percentile([.. Others.Select(o => o.Effect)], 0.75);

    /// <summary>
    /// The q-quantile by linear interpolation between closest ranks (NumPy's default): sorted x, h = (n − 1) q,
    /// x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]); NaN for no values.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (values.Count == 0)
        {
            return double.NaN;
        }
        double[] x = [.. values.Order()];
        double h = (x.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        return lo + 1 >= x.Length ? x[lo] : x[lo] + ((h - lo) * (x[lo + 1] - x[lo]));
    }
}

/// <summary>Runs the <see cref="InterventionControl"/> of a user-side grid.</summary>
public static class LatentControl
{
    /// <summary>
    /// The edit latent j ← <paramref name="value"/> ("edit only") on the concept's latent and on every other latent active
    /// on the audience (<see cref="LatentChoice.Others"/>), each scored as the grid scores it: the concept's share in the
    /// audience's top <paramref name="topN"/>, its effect measured from <paramref name="orig"/> in the intended direction
    /// (<paramref name="lowers"/>: a suppression).
    /// </summary>
    public static InterventionControl Run(LatentIntervention intervention, IReadOnlyList<int> audience, ConceptTable concepts, int concept, LatentChoice choice,
        double value, double orig, bool lowers, int topN = LatentIntervention.TopN)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.Chosen is not LatentCandidate chosen)
        {
            throw new ArgumentException($"No latent is edited for {choice.Concept}: {choice.Skip}", nameof(choice));
        }
        int[] users = [.. audience];
        ControlEdit Edit(LatentCandidate latent)
        {
            using var scope = NewDisposeScope();
            double share = InterventionAudience.MeanListShare(Ranking.TopK(intervention.UserEditLogits(users, latent.Latent, value), topN), concepts, concept);
            return new ControlEdit(latent.Latent, latent.PurityAt20, latent.Scale.Median, share, lowers ? orig - share : share - orig);
        }
        return new InterventionControl(value, Edit(chosen), [.. choice.Others.Select(Edit)]);
    }
}
