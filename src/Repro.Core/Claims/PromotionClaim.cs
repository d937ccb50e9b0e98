using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Interventions;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 9 on every series the paper shows, for MF and NCF ("edit only"): the exposure of the item promoted to
/// <see cref="Concept"/> fans reaches at least <see cref="ExposureThreshold"/> at v = <see cref="Value"/>, for the rule's
/// item (<see cref="ItemPromotion.RuleSource"/>) and the paper's own "Alice in Wonderland" (<see cref="ItemPromotion.GivenSource"/>).
/// A promotion writes the concept's latent; when that latent is not a <see cref="Concept"/> latent (purity@10 below
/// <see cref="MinConceptPurity"/>) the series cannot speak for the claim: a tie, saying which concept the latent is.
/// </summary>
public sealed record PromotionClaim() : Claim(9, "Promotion: exposure at v = 4 is at least 0.8")
{
    /// <summary>The value v written into the item's concept latent at which exposure is read.</summary>
    public const double Value = 4;

    /// <summary>The exposure the item must reach at v = <see cref="Value"/>.</summary>
    public const double ExposureThreshold = 0.8;

    /// <summary>The concept whose fans are the audience (the paper promotes "Alice in Wonderland" to Romance fans).</summary>
    public const string Concept = "Romance";

    /// <summary>The edited latent must have at least this purity@10 for <see cref="Concept"/> to count as its latent.</summary>
    public const double MinConceptPurity = 0.7;

    /// <summary>The items read in each model's promotion: the rule's, then the given one (ML-1M: "Alice in Wonderland").</summary>
    public static IReadOnlyList<string> Sources { get; } = [ItemPromotion.RuleSource, ItemPromotion.GivenSource];

    /// <summary>The ML-1M MF promotion to <see cref="Concept"/> fans (the one the paper prints).</summary>
    public static SeriesName Series { get; } = SeriesOf(RecommenderKind.MF);

    /// <summary>The ML-1M promotion to <see cref="Concept"/> fans of <paramref name="model"/>.</summary>
    public static SeriesName SeriesOf(RecommenderKind model) => new(DatasetName.Ml1m, model, "promote to " + Concept + " fans");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [.. PaperSetting.Models.Select(SeriesOf)];

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. PaperSetting.Models.SelectMany(m => evidence.Read(this, SeriesOf(m), cell =>
            InterventionEvidence.Promotion(evidence.Interventions(cell), Concept, $"ML-1M {m}", Sources)))]);
    }

    /// <summary>The verdict on one item's exposure series.</summary>
    public ClaimRow Rule(InterventionSweep exposure) => Rule([exposure]);

    /// <summary>The verdict on several items' exposure series: every one must pass; a tie (undefined or no concept latent) and no failure is inconclusive.</summary>
    public ClaimRow Rule(IReadOnlyList<InterventionSweep> exposures)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        var ruled = exposures.Select(One).ToList();
        return Row(ruled.Count == 0 ? "-" : string.Join("; ", ruled.Select(r => r.Text)),
            ruled.Count == 0 ? Verdict.NotApplicable : AllOf([.. ruled.Select(r => r.Outcome)]),
            string.Create(CultureInfo.InvariantCulture,
                $"test (edit only): exposure at v = {NumberText.Significant(Value)} >= {NumberText.Significant(ExposureThreshold)} for every series (MF and NCF, the rule's item and Alice in Wonderland); a series whose latent has {Concept} purity@10 < {NumberText.Significant(MinConceptPurity)} is a tie (no {Concept} latent), as is an undefined exposure"));
    }

    private static (bool? Outcome, string Text) One(InterventionSweep exposure)
    {
        string v = NumberText.Significant(Value);
        // A NaN exposure has its own reason (no eligible audience user), so only a skipped or empty series is unmeasured here.
        if ((exposure.Skipped is not null || exposure.Shares.Count == 0) && exposure.Unmeasured is string missing)
        {
            return (null, exposure.Label + ": " + missing);
        }
        if (exposure.ShareAt(Value) is not double atValue)
        {
            return (null, $"{exposure.Label}: v = {v} was not measured (grid: {string.Join(", ", exposure.Values.Select(x => NumberText.Significant(x)))})");
        }
        if (double.IsNaN(atValue))
        {
            return (null, $"{exposure.Label}: no audience user was outside the top 20 at v = 0, exposure is undefined");
        }
        string text = string.Create(CultureInfo.InvariantCulture, $"{exposure.Label}: exposure at v = {v} = {NumberText.Fixed(atValue)}");
        if (exposure.Latent?.Chosen is LatentCandidate latent)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (latent {latent.Latent}: {Concept} p@10 {NumberText.Fixed(latent.PurityAt10)}, p@20 {NumberText.Fixed(latent.PurityAt20)})");
            if (!(latent.PurityAt10 >= MinConceptPurity))
            {
                string own = exposure.Latent.OwnConcept is LatentOwnConcept o && o.Concept != Concept && o.PurityAt20 > latent.PurityAt20
                    ? string.Create(CultureInfo.InvariantCulture, $", it is a {o.Concept} latent: {o.Concept} p@10 {NumberText.Fixed(o.PurityAt10)}, p@20 {NumberText.Fixed(o.PurityAt20)}")
                    : "";
                return (null, text + $", no {Concept} latent (p@10 < {NumberText.Significant(MinConceptPurity)}{own})");
            }
        }
        return (atValue >= ExposureThreshold, text);
    }
}
