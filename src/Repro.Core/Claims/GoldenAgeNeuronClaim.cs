using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>Claim 11: on ML-1M, the golden-age neuron has over <see cref="MajorityShare"/> of its top K (200) from before 1970.</summary>
public sealed record GoldenAgeNeuronClaim() : Claim(11, "An era (golden age) neuron on ML-1M: over half of its top 200 before 1970")
{
    /// <summary>The share of pre-1970 items the golden-age neuron's top K must exceed.</summary>
    public const double MajorityShare = 0.5;

    /// <summary>The ML-1M MF era neurons.</summary>
    public static SeriesName Series { get; } = new(DatasetName.Ml1m, RecommenderKind.MF, "era neurons");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [Series];

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var era = evidence.Read(this, Series, cell =>
            evidence.Concepts(cell).Report.Era ?? throw new KeyNotFoundException("no era neurons (the dataset has no decade table)"));
        return Rule(Series.Cell, era);
    }

    /// <summary>The verdict on one model's era neurons.</summary>
    public ClaimRow Rule(string label, EraNeuronsResult era)
    {
        ArgumentNullException.ThrowIfNull(era);
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"{label}: neuron {era.GoldenAgeNeuron}, {NumberText.Fixed(era.GoldenAgeShare)} of top {era.K} in {era.Decades[era.GoldenAgeDecade]} (catalogue {NumberText.Fixed(era.CatalogueShares[era.GoldenAgeDecade])})");
        // NaN (every neuron dead) is not above the share: not reproduced.
        return Row(numbers, era.GoldenAgeShare > MajorityShare ? Verdict.Reproduced : Verdict.NotReproduced,
            $"test: share of pre-1970 items in the golden-age neuron's top K > {NumberText.Significant(MajorityShare)}");
    }
}
