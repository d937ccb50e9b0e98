using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 1, in the paper's terms: ML-1M MF Comedy and Horror best neurons have purity@10 = 1.00, and at least
/// <see cref="SeveralGenres"/> genres reach purity@10 ≥ <see cref="PurityThreshold"/> for MF and for NCF.
/// </summary>
public sealed record GenreNeuronsClaim() : Claim(1,
    "Genre neurons emerge unsupervised: ML-1M MF Comedy and Horror purity 1.00 at K=10; several genres 1.00 for MF and NCF")
{
    /// <summary>Decision: "several genres" means at least this many genres at purity@10 ≥ <see cref="PurityThreshold"/>, per model.</summary>
    public const int SeveralGenres = 3;

    /// <summary>The purity@10 a genre neuron must reach to count (the paper reports 1.00 for several; 0.9 allows one stray item).</summary>
    public const double PurityThreshold = 0.9;

    /// <summary>The concept table the claim reads.</summary>
    public const string ConceptKind = "genre";

    /// <summary>The ML-1M MF genre purities.</summary>
    public static SeriesName Mf { get; } = new(DatasetName.Ml1m, RecommenderKind.MF, ConceptKind + " purity");

    /// <summary>The ML-1M NCF genre purities.</summary>
    public static SeriesName Ncf { get; } = new(DatasetName.Ml1m, RecommenderKind.NCF, ConceptKind + " purity");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [Mf, Ncf];

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ConceptPurityResult Purity(SeriesName series) => evidence.Read(this, series, c => evidence.Concepts(c).Report.PurityOf(ConceptKind));
        return Rule(Purity(Mf), Purity(Ncf));
    }

    /// <summary>The verdict on the ML-1M MF and NCF genre purities.</summary>
    public ClaimRow Rule(ConceptPurityResult ml1mMf, ConceptPurityResult ml1mNcf)
    {
        ArgumentNullException.ThrowIfNull(ml1mMf);
        ArgumentNullException.ThrowIfNull(ml1mNcf);
        var comedy = ml1mMf.Row("Comedy");
        var horror = ml1mMf.Row("Horror");
        // purity@10 is a count over 10, so 1.00 and 0.9 are exact in double; no tolerance needed.
        int mfPure = ml1mMf.Rows.Count(r => r.PurityAt10 >= PurityThreshold);
        int ncfPure = ml1mNcf.Rows.Count(r => r.PurityAt10 >= PurityThreshold);
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"MF Comedy p@10/20/50 = {P(comedy.PurityAt10)}/{P(comedy.PurityAt20)}/{P(comedy.PurityAt50)}, Horror = {P(horror.PurityAt10)}/{P(horror.PurityAt20)}/{P(horror.PurityAt50)}; genres at p@10 >= {P(PurityThreshold)}: MF {mfPure}, NCF {ncfPure}");
        bool ok = comedy.PurityAt10 == 1.0 && horror.PurityAt10 == 1.0 && mfPure >= SeveralGenres && ncfPure >= SeveralGenres;
        return Row(numbers, ok ? Verdict.Reproduced : Verdict.NotReproduced,
            string.Create(CultureInfo.InvariantCulture, $"test: MF Comedy and Horror p@10 = 1.00, and >= {SeveralGenres} genres at p@10 >= {P(PurityThreshold)} for each of MF, NCF"));
    }

    private static string P(double purity) => NumberText.Fixed(purity);
}
