using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 11: on ML-1M, the golden-age neuron has over <see cref="MajorityShare"/> of its top K (200) from before 1970.
/// Shares are exact counts over K items (no band); a share one item from the threshold says so.
/// </summary>
public sealed record GoldenAgeNeuronClaim() : CheckedClaim<EraNeuronsResult>(11, "An era (golden age) neuron on ML-1M: over half of its top 200 before 1970")
{
    /// <summary>The share of pre-1970 items the golden-age neuron's top K must exceed.</summary>
    public const double MajorityShare = 0.5;

    /// <summary>The ML-1M MF era neurons.</summary>
    public static SeriesName Series { get; } = new(DatasetName.Ml1m, RecommenderKind.MF, "era neurons");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [Series];

    /// <inheritdoc />
    public override string PaperNumbers => "none printed (SPEC §7: over half of the top 200 from before 1970)";

    /// <inheritdoc />
    public override string Test => $"share of pre-1970 items in the golden-age neuron's top K > {NumberText.Significant(MajorityShare)} (exact count)";

    /// <inheritdoc />
    public override EraNeuronsResult Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.Read(this, Series, cell =>
            evidence.Concepts(cell).Report.Era ?? throw new KeyNotFoundException("no era neurons (the dataset has no decade table)"));
    }

    /// <summary>The verdict on one seed's era neurons (our numbers).</summary>
    public ClaimRow Rule(EraNeuronsResult era) => Rule(era, NoiseBands.Measured);

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks(EraNeuronsResult input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input);
        // NaN (every neuron dead) is undefined: a tie.
        string decade = input.GoldenAgeNeuron < 0 ? "pre-1970" : input.Decades[input.GoldenAgeDecade];
        return [Check.Against(string.Create(CultureInfo.InvariantCulture, $"ml-1m MF neuron {input.GoldenAgeNeuron}: share of its top {input.K} in {decade}"),
            input.GoldenAgeShare, "> " + NumberText.Significant(MajorityShare), MajorityShare, MajorityShare, 0, strict: true, step: 1.0 / input.K, stepName: "one item of " + input.K.ToString(CultureInfo.InvariantCulture))];
    }
}
