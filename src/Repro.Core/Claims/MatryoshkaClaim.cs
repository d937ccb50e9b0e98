using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 10: the first band (m/4) of the Last.FM MF Matryoshka SAE has a higher activation frequency, a lower mean
/// popularity rank and a higher concept entropy than the last band (m/2) — all three.
/// </summary>
public sealed record MatryoshkaClaim() : Claim(10, "Matryoshka: first prefix denser and more popularity-aligned; later neurons more specific")
{
    /// <summary>The Last.FM MF Matryoshka hierarchy (the paper's m = 80).</summary>
    public static SeriesName Series { get; } = new(DatasetName.LastFm, RecommenderKind.MF, "Matryoshka hierarchy");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [Series];

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var (label, result) = evidence.Read(this, Series, cell =>
        {
            var h = evidence.Hierarchy(cell);
            return (string.Create(CultureInfo.InvariantCulture, $"{cell.Label} Matryoshka m = {h.Sae.Latents}"), h.Result);
        });
        return Rule(label, result);
    }

    /// <summary>The verdict on one Matryoshka SAE's bands.</summary>
    public ClaimRow Rule(string label, MatryoshkaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var f = result.First;
        var l = result.Last;
        bool denser = f.ActivationFrequency > l.ActivationFrequency;
        bool popular = f.MeanPopularityRank < l.MeanPopularityRank;
        bool specific = l.ConceptEntropyBits < f.ConceptEntropyBits;
        string numbers = $"{label} first vs last band: frequency {N(f.ActivationFrequency)} vs {N(l.ActivationFrequency)}, mean pop. rank {N(f.MeanPopularityRank)} vs {N(l.MeanPopularityRank)}, entropy {N(f.ConceptEntropyBits)} vs {N(l.ConceptEntropyBits)} bits";
        return Row(numbers, denser && popular && specific ? Verdict.Reproduced : Verdict.NotReproduced,
            $"test: denser {YesNo(denser)}, more popular {YesNo(popular)}, later more specific {YesNo(specific)} (all three needed)");
    }

    private static string N(double value) => NumberText.Significant(value);

    private static string YesNo(bool b) => b ? "yes" : "no";
}
