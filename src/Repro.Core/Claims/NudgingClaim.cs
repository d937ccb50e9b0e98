using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 8 on every series the paper shows (young ML-1M users toward Children's, MF and NCF; "edit only"): over v from
/// low to high the target share never falls, the share at the largest v exceeds "Orig" by at least <see cref="Effect"/>
/// (a flat line is not a rise), and the concept latent's rise beats the control (<see cref="DoseResponseClaim"/>).
/// </summary>
public sealed record NudgingClaim() : DoseResponseClaim(8, "Nudging: target share rises monotonically in v", Falling: false)
{
    private static readonly IReadOnlyList<(RecommenderKind Model, string Concept)> PaperNudges = [(RecommenderKind.MF, "Children's"), (RecommenderKind.NCF, "Children's")];

    /// <summary>The share at the largest v must exceed "Orig" by at least this much (the paper's MF nudge: +0.62).</summary>
    public const double Effect = 0.2;

    /// <summary>The paper's nudging series: young ML-1M users toward Children's, MF and NCF.</summary>
    public override IReadOnlyList<(RecommenderKind Model, string Concept)> PaperSeries => PaperNudges;

    /// <inheritdoc />
    protected override SeriesName Name(RecommenderKind model, string concept) => new(DatasetName.Ml1m, model, "nudge toward " + concept);

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. PaperSeries.Select(p => evidence.Read(this, Name(p.Model, p.Concept), cell =>
            InterventionEvidence.Nudge(evidence.Interventions(cell), p.Concept, $"ML-1M {p.Model} nudge young users to {p.Concept}")))]);
    }

    /// <inheritdoc />
    protected override (bool Ok, string Detail) End(InterventionSweep sweep, double[] shares)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(shares);
        double effect = shares[^1] - sweep.Original;
        return (effect >= Effect, "final - Orig " + NumberText.Fixed(effect));
    }

    /// <inheritdoc />
    protected override string Reason =>
        string.Create(CultureInfo.InvariantCulture, $"test (edit only): every series never falls as v rises over the grid (Orig is not in the chain), final - Orig >= {NumberText.Fixed(Effect)}, and {ControlReason}");
}
