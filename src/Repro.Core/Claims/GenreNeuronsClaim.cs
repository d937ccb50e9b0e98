using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 1, in the paper's terms: ML-1M MF Comedy and Horror best neurons have purity@10 = 1.00, and at least
/// <see cref="SeveralGenres"/> genres reach purity@10 ≥ <see cref="PurityThreshold"/> for MF and for NCF. Purities are
/// counts over 10 items, compared exactly (no band); a check one item of 10 (or one genre) from the other side says so.
/// Purity@20 and @50 of Comedy and Horror (the paper: 1.00 at every K) are reported beside the verdict.
/// </summary>
public sealed record GenreNeuronsClaim() : CheckedClaim<(ConceptPurityResult Mf, ConceptPurityResult Ncf)>(1,
    "Genre neurons emerge unsupervised: ML-1M MF Comedy and Horror purity 1.00 at K=10; several genres 1.00 for MF and NCF")
{
    /// <summary>Decision: "several genres" means at least this many genres at purity@10 ≥ <see cref="PurityThreshold"/>, per model.</summary>
    public const int SeveralGenres = 3;

    /// <summary>The purity@10 a genre neuron must reach to count (the paper reports 1.00 for several; 0.9 allows one stray item).</summary>
    public const double PurityThreshold = 0.9;

    /// <summary>The concept table the claim reads.</summary>
    public const string ConceptKind = "genre";

    /// <summary>The genres the paper names at purity 1.00 for ML-1M MF.</summary>
    public static IReadOnlyList<string> PureGenres { get; } = ["Comedy", "Horror"];

    /// <summary>The ML-1M MF genre purities.</summary>
    public static SeriesName Mf { get; } = new(DatasetName.Ml1m, RecommenderKind.MF, ConceptKind + " purity");

    /// <summary>The ML-1M NCF genre purities.</summary>
    public static SeriesName Ncf { get; } = new(DatasetName.Ml1m, RecommenderKind.NCF, ConceptKind + " purity");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [Mf, Ncf];

    /// <inheritdoc />
    public override string PaperNumbers => "MF Comedy and Horror 1.00 at every K; many genres 1.00 at K = 10 for MF and NCF (no per-genre table)";

    /// <inheritdoc />
    public override string Test => string.Create(CultureInfo.InvariantCulture,
        $"MF Comedy and Horror p@10 = 1.00, and >= {SeveralGenres} genres at p@10 >= {NumberText.Fixed(PurityThreshold)} for each of MF, NCF (exact counts over 10 items; p@20 and p@50 reported)");

    /// <inheritdoc />
    public override (ConceptPurityResult Mf, ConceptPurityResult Ncf) Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ConceptPurityResult Purity(SeriesName series) => evidence.Read(this, series, c => evidence.Concepts(c).Report.PurityOf(ConceptKind));
        return (Purity(Mf), Purity(Ncf));
    }

    /// <summary>The verdict on one seed's ML-1M MF and NCF genre purities (our numbers).</summary>
    public ClaimRow Rule(ConceptPurityResult ml1mMf, ConceptPurityResult ml1mNcf) => Rule((ml1mMf, ml1mNcf), NoiseBands.Measured);

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks((ConceptPurityResult Mf, ConceptPurityResult Ncf) input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input.Mf);
        ArgumentNullException.ThrowIfNull(input.Ncf);
        var checks = new List<Check>();
        foreach (string genre in PureGenres)
        {
            var row = input.Mf.Row(genre);
            // A pass of "= 1.00" is always one item from a fail: only a fail names the item it lacks.
            checks.Add(Check.Against($"ml-1m MF {genre} p@10", row.PurityAt10, "= 1.00", 1.0, 1.0, 0, step: row.PurityAt10 < 1.0 ? 0.1 : 0, stepName: "one item of 10") with { Paper = 1.0 });
            checks.Add(Check.Against($"ml-1m MF {genre} p@20", row.PurityAt20, "= 1.00", 1.0, 1.0, 0) with { Paper = 1.0, Decides = false });
            checks.Add(Check.Against($"ml-1m MF {genre} p@50", row.PurityAt50, "= 1.00", 1.0, 1.0, 0) with { Paper = 1.0, Decides = false });
        }
        foreach (var (model, purity) in new[] { (RecommenderKind.MF, input.Mf), (RecommenderKind.NCF, input.Ncf) })
        {
            // purity@10 is a count over 10, so 1.00 and 0.9 are exact in double; no band.
            int pure = purity.Rows.Count(r => r.PurityAt10 >= PurityThreshold);
            checks.Add(Check.Against($"ml-1m {model} genres at p@10 >= {NumberText.Fixed(PurityThreshold)}", pure,
                string.Create(CultureInfo.InvariantCulture, $">= {SeveralGenres}"), SeveralGenres, SeveralGenres, 0, step: 1, stepName: "one genre"));
        }
        return checks;
    }
}
