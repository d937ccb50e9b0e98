using System.Collections.Frozen;

namespace Repro.Claims;

/// <summary>
/// The margins the claims' differences must clear, by name, as constants: each is 2 × the pooled standard deviation
/// over seeds of one value of the measure (<see cref="SeedSpread.TwicePooledSd"/>: a seed retrains the split, the
/// recommender and the SAEs), measured by the suite's ledger over seeds 42–46 (PaperResults.LedgerSeedCount) and rounded up to one significant
/// digit. Constants, so a verdict never moves with its own margin; the ledger prints the spread each run measures
/// beside its margin, and a paper fixture fails when a spread outgrows its margin (then measure again and raise it).
/// </summary>
public static class NoiseMargins
{
    private static readonly FrozenDictionary<string, double> Margins = new Dictionary<string, double>
    {
        // λ_pred sweeps (claims 4, 5): one value of the sweep, pooled over its five λ_pred.
        ["ml-1m MF RBO"] = 0.03,
        ["ml-1m MF τ"] = 0.05,
        ["ml-1m MF MS"] = 0.05,
        ["ml-1m NCF RBO"] = 0.03,
        ["ml-1m NCF τ"] = 0.04,
        ["ml-1m NCF MS"] = 0.05,
        ["lastfm MF RBO"] = 0.008,
        ["lastfm MF τ"] = 0.03,
        ["lastfm MF MS"] = 0.03,
        ["lastfm NCF RBO"] = 0.05,
        ["lastfm NCF τ"] = 0.1,
        ["lastfm NCF MS"] = 0.04,

        // KL versus Top-K at matched L0 (claim 6, reported): the KL and the Top-K value of each comparison.
        ["ml-1m MF m = 22 FVU"] = 0.04,
        ["ml-1m MF m = 22 RBO"] = 0.03,
        ["ml-1m NCF m = 22 FVU"] = 0.02,
        ["ml-1m NCF m = 22 RBO"] = 0.04,
        ["lastfm MF m = 70 FVU"] = 0.008,
        ["lastfm MF m = 70 RBO"] = 0.02,
        ["ml-1m MF m = 88 FVU"] = 0.02,
        ["ml-1m MF m = 88 RBO"] = 0.02,

        // Matryoshka bands (claim 10): first-versus-last difference of the Matryoshka SAE and of its plain control.
        ["lastfm MF Matryoshka frequency"] = 0.02,
        ["lastfm MF Matryoshka popularity rank"] = 200,
        ["lastfm MF Matryoshka tag base rate"] = 0.2,
        ["lastfm MF Matryoshka concept entropy"] = 0.3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every margin's name.</summary>
    public static IReadOnlyList<string> Names => Margins.Keys;

    /// <summary>The margin named <paramref name="name"/>; throws naming the margins there are.</summary>
    public static double Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Margins.TryGetValue(name, out double m) ? m
            : throw new KeyNotFoundException($"No noise margin '{name}' (margins: {string.Join(", ", Margins.Keys.Order(StringComparer.Ordinal))}).");
    }
}
