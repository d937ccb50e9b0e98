using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 2: the metal, electronic and folk tag-family neurons reach purity@10 ≥ <see cref="PurityThreshold"/> in every
/// Last.FM model. Those are the families the paper reports at 1.00; SPEC §7 also names country, which the paper printed
/// no number for, so country is reported beside the verdict and does not decide it (a rule the paper's own evidence
/// cannot meet would be wrong). Our Last.FM is HetRec 2011 (D1), not the paper's data. A family is found by name
/// ("metal" also matches "metal*"); a missing one is undefined (a tie). Purities are exact counts over 10 items; a
/// family one item from the threshold says so.
/// </summary>
public sealed record MusicTagNeuronsClaim() : CheckedClaim<IReadOnlyList<(string Model, ConceptPurityResult Families)>>(2,
    "Music-tag neurons: metal, electronic, folk (and country, SPEC §7) with purity@10 >= 0.9 on Last.FM (here HetRec 2011, not the paper's data: D1)")
{
    /// <summary>The purity@10 every claimed family must reach.</summary>
    public const double PurityThreshold = 0.9;

    /// <summary>The concept table the claim reads.</summary>
    public const string ConceptKind = "tag family";

    /// <summary>The tag families SPEC §7 names, in order.</summary>
    public static IReadOnlyList<string> Families { get; } = ["metal", "electronic", "folk", "country"];

    /// <summary>The families that decide: those the paper reports at purity@10 = 1.00 (its summary names electronic, metal and folk).</summary>
    public static IReadOnlyList<string> DecidingFamilies { get; } = ["metal", "electronic", "folk"];

    /// <summary>The Last.FM MF and NCF tag-family purities.</summary>
    public static IReadOnlyList<SeriesName> Series { get; } = [.. PaperSetting.Models.Select(m => new SeriesName(DatasetName.LastFm, m, ConceptKind + " purity"))];

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override string PaperNumbers => "on the paper's Last.FM (D1): electronic, metal and folk neurons \"often\" 1.00 at K = 10 (no table; country not printed)";

    /// <inheritdoc />
    public override string Test => string.Create(CultureInfo.InvariantCulture,
        $"each of {string.Join(", ", DecidingFamilies)} p@10 >= {NumberText.Significant(PurityThreshold)} in every Last.FM model supplied (exact counts over 10 items); country reported (the paper printed no number for it)");

    /// <inheritdoc />
    public override IReadOnlyList<(string Model, ConceptPurityResult Families)> Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return [.. Series.Select(s => (s.Cell, evidence.Read(this, s, c => evidence.Concepts(c).Report.PurityOf(ConceptKind))))];
    }

    /// <summary>The verdict on one seed's Last.FM models' tag-family purities (our numbers).</summary>
    public ClaimRow Rule(IReadOnlyList<(string Model, ConceptPurityResult Families)> lastFm) => Rule(lastFm, NoiseBands.Measured);

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks(IReadOnlyList<(string Model, ConceptPurityResult Families)> input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input);
        var checks = new List<Check>();
        foreach (var (model, families) in input)
        {
            foreach (string family in Families)
            {
                var row = families.Rows.FirstOrDefault(r => string.Equals(r.Name.TrimEnd('*'), family, StringComparison.OrdinalIgnoreCase));
                string test = ">= " + NumberText.Fixed(PurityThreshold);
                checks.Add(row is null
                    ? Check.Against($"{model} {family} p@10 (no such family; has: {string.Join(", ", families.Rows.Select(r => r.Name))})", double.NaN, test, PurityThreshold, PurityThreshold, 0) with { Decides = DecidingFamilies.Contains(family) }
                    : Check.Against($"{model} {family} p@10", row.PurityAt10, test, PurityThreshold, PurityThreshold, 0, step: 0.1, stepName: "one item of 10")
                        with { Paper = DecidingFamilies.Contains(family) ? 1.0 : null, Decides = DecidingFamilies.Contains(family) });
            }
        }
        return checks;
    }
}
