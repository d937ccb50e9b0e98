using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 7 on every series the paper shows: ordered from "Orig" (the unedited model) through v from high to low, the
/// target share never rises, and the share at the lowest v is below <see cref="FinalFraction"/> × "Orig".
/// </summary>
public sealed record SuppressionClaim() : DoseResponseClaim(7, "Suppression: target share falls monotonically in v, ends below a quarter of Orig", Falling: true)
{
    private static readonly IReadOnlyList<(RecommenderKind Model, string Concept)> PaperSuppressions = [(RecommenderKind.MF, "Horror"), (RecommenderKind.NCF, "Action")];

    /// <summary>The share at the lowest v must fall below this fraction of "Orig".</summary>
    public const double FinalFraction = 0.25;

    /// <summary>The paper's suppression series: ML-1M MF Horror and ML-1M NCF Action.</summary>
    public override IReadOnlyList<(RecommenderKind Model, string Concept)> PaperSeries => PaperSuppressions;

    /// <inheritdoc />
    protected override SeriesName Name(RecommenderKind model, string concept) => new(DatasetName.Ml1m, model, "suppress " + concept);

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. PaperSeries.Select(p => evidence.Read(this, Name(p.Model, p.Concept), cell =>
        {
            var s = LedgerEvidence.Named(evidence.Interventions(cell).Suppressions, x => x.Target.Concept, p.Concept, "suppression of");
            return new InterventionSweep($"ML-1M {p.Model} suppress {p.Concept}", s.Target.Orig, s.Grid, s.Target.Values);
        }))]);
    }

    /// <inheritdoc />
    protected override (bool Ok, string Detail) End(InterventionSweep sweep, double[] shares)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(shares);
        bool low = shares[^1] < FinalFraction * sweep.Original;
        return (low, $"final < {NumberText.Fixed(FinalFraction * sweep.Original, 3)}: {(low ? "yes" : "no")}");
    }

    /// <inheritdoc />
    protected override string Reason =>
        string.Create(CultureInfo.InvariantCulture, $"test: every series, from Orig through v high to low, never rises, and ends below {NumberText.Fixed(FinalFraction)} x Orig");
}
