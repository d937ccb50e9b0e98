using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Interventions;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 9: the exposure of an off-concept item promoted to <see cref="Concept"/> fans reaches at least
/// <see cref="ExposureThreshold"/> at v = <see cref="Value"/>, on ML-1M MF. The ledger reads the item the promotion
/// rule picked (<see cref="ItemPromotion.RuleSource"/>).
/// </summary>
public sealed record PromotionClaim() : Claim(9, "Promotion: exposure at v = 4 is at least 0.8")
{
    /// <summary>The value v written into the item's concept latent at which exposure is read.</summary>
    public const double Value = 4;

    /// <summary>The exposure the item must reach at v = <see cref="Value"/>.</summary>
    public const double ExposureThreshold = 0.8;

    /// <summary>The concept whose fans are the audience (the paper promotes "Alice in Wonderland" to Romance fans).</summary>
    public const string Concept = "Romance";

    /// <summary>The ML-1M MF promotion to <see cref="Concept"/> fans.</summary>
    public static SeriesName Series { get; } = new(DatasetName.Ml1m, RecommenderKind.MF, "promote to " + Concept + " fans");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [Series];

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule(evidence.Read(this, Series, cell =>
        {
            var promotion = LedgerEvidence.Named(evidence.Interventions(cell).Promotions, p => p.Concept, Concept, "promotion to");
            var item = LedgerEvidence.Named(promotion.Items, i => i.Source, ItemPromotion.RuleSource, "promoted item from");
            return new InterventionSweep($"ML-1M MF, '{item.Label}' to {Concept} fans", item.Exposure.Orig, promotion.Grid, item.Exposure.Values);
        }));
    }

    /// <summary>The verdict on one item's exposure series.</summary>
    public ClaimRow Rule(InterventionSweep exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        string v = NumberText.Significant(Value);
        if (exposure.ShareAt(Value) is not double atValue)
        {
            return Row(exposure.Label, Verdict.NotApplicable, $"v = {v} was not measured (grid: {string.Join(", ", exposure.Values.Select(x => NumberText.Significant(x)))})");
        }
        if (double.IsNaN(atValue))
        {
            return Row(exposure.Label, Verdict.NotApplicable, "no audience user was outside the top 20 at v = 0: exposure is undefined");
        }
        return Row(string.Create(CultureInfo.InvariantCulture, $"{exposure.Label}: exposure at v = {v} = {NumberText.Fixed(atValue)}"),
            atValue >= ExposureThreshold ? Verdict.Reproduced : Verdict.NotReproduced,
            $"test: exposure at v = {v} >= {NumberText.Significant(ExposureThreshold)}");
    }
}
