using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 2: the metal, electronic, folk and country tag-family neurons reach purity@10 ≥ <see cref="PurityThreshold"/>
/// in every Last.FM model. A family is found by name ("metal" also matches "metal*"); a missing family makes it NOT APPLICABLE.
/// </summary>
public sealed record MusicTagNeuronsClaim() : Claim(2, "Music-tag neurons: metal, electronic, folk, country with purity@10 >= 0.9 on Last.FM")
{
    /// <summary>The purity@10 every claimed family must reach.</summary>
    public const double PurityThreshold = 0.9;

    /// <summary>The concept table the claim reads.</summary>
    public const string ConceptKind = "tag family";

    /// <summary>The tag families the paper names.</summary>
    public static IReadOnlyList<string> Families { get; } = ["metal", "electronic", "folk", "country"];

    /// <summary>The Last.FM MF and NCF tag-family purities.</summary>
    public static IReadOnlyList<SeriesName> Series { get; } = [.. PaperSetting.Models.Select(m => new SeriesName(DatasetName.LastFm, m, ConceptKind + " purity"))];

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. Series.Select(s => (s.Cell, evidence.Read(this, s, c => evidence.Concepts(c).Report.PurityOf(ConceptKind))))]);
    }

    /// <summary>The verdict on each Last.FM model's tag-family purities.</summary>
    public ClaimRow Rule(IReadOnlyList<(string Model, ConceptPurityResult Families)> lastFm)
    {
        ArgumentNullException.ThrowIfNull(lastFm);
        if (lastFm.Count == 0)
        {
            return Row("-", Verdict.Pending, "no Last.FM model measured");
        }
        var parts = new List<string>();
        bool ok = true;
        foreach (var (model, families) in lastFm)
        {
            var cells = new List<string>();
            foreach (string family in Families)
            {
                var row = families.Rows.FirstOrDefault(r => string.Equals(r.Name.TrimEnd('*'), family, StringComparison.OrdinalIgnoreCase));
                if (row is null)
                {
                    return Row("-", Verdict.NotApplicable, $"{model} has no '{family}' family (has: {string.Join(", ", families.Rows.Select(r => r.Name))})");
                }
                cells.Add($"{family} {NumberText.Fixed(row.PurityAt10)}");
                ok &= row.PurityAt10 >= PurityThreshold;
            }
            parts.Add($"{model}: {string.Join(", ", cells)}");
        }
        return Row("p@10 " + string.Join("; ", parts), ok ? Verdict.Reproduced : Verdict.NotReproduced,
            string.Create(CultureInfo.InvariantCulture, $"test: each of the {Families.Count} families p@10 >= {NumberText.Significant(PurityThreshold)} in every Last.FM model supplied"));
    }
}
