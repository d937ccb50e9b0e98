using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 7 on every series the paper shows (ML-1M MF Horror, NCF Action; "edit only"): over v from high to low the
/// target share never rises, the share at the lowest v is below <see cref="FinalFraction"/> × "Orig", and the concept
/// latent's drop beats the control (<see cref="DoseResponseClaim"/>).
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
            InterventionEvidence.Suppression(evidence.Interventions(cell), p.Concept, $"ML-1M {p.Model} suppress {p.Concept}")))]);
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
        string.Create(CultureInfo.InvariantCulture, $"test (edit only): every series never rises as v falls over the grid (Orig is not in the chain), ends below {NumberText.Fixed(FinalFraction)} x Orig, and {ControlReason}");
}
