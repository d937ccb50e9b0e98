using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 8 on every series the paper shows: ordered from "Orig" through v from low to high, the target share never
/// falls, and the share at the largest v exceeds "Orig" by at least <see cref="Effect"/> (a flat line is not a rise).
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
        {
            var n = LedgerEvidence.Named(evidence.Interventions(cell).Nudges, x => x.Result.Target.Concept, p.Concept, "nudge toward").Result;
            return new InterventionSweep($"ML-1M {p.Model} nudge young users to {p.Concept}", n.Target.Orig, n.Grid, n.Target.Values);
        }))]);
    }

    /// <inheritdoc />
    protected override (bool Ok, string Detail) End(InterventionSweep sweep, double[] shares)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(shares);
        double effect = shares[^1] - sweep.Original;
        return (effect >= Effect, "effect " + NumberText.Fixed(effect));
    }

    /// <inheritdoc />
    protected override string Reason =>
        string.Create(CultureInfo.InvariantCulture, $"test: every series, from Orig through v low to high, never falls, and final - Orig >= {NumberText.Fixed(Effect)}");
}
