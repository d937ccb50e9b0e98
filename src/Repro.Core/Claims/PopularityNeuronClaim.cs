using System.Globalization;
using Repro.Analysis;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 3 against a baseline: in every model, the popularity neuron's top-K mean popularity rank is at most
/// <see cref="RatioLimit"/> × the median live neuron's (an ordinary neuron). Ranks are exact (no band). SPEC §7's own
/// wording, a mean rank in the catalogue's top 20 %, is reported beside it (the paper's neurons sit at 16–17 %).
/// </summary>
public sealed record PopularityNeuronClaim() : CheckedClaim<IReadOnlyList<(string Model, PopularityNeuronResult Result)>>(3, "A popularity neuron exists in every model")
{
    /// <summary>The popularity neuron's top-K mean rank must be at most this fraction of the median neuron's.</summary>
    public const double RatioLimit = 0.6;

    /// <summary>SPEC §7's wording: the mean rank in the catalogue's top fifth (reported, not deciding).</summary>
    public const double TopShare = 0.2;

    /// <summary>Every paper cell's popularity neuron.</summary>
    public static IReadOnlyList<SeriesName> Series { get; } = EveryPaperCell("popularity neuron");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override string PaperNumbers => "ML-1M top-500 mean rank of 3,706: MF 595 (16.1 %; other neurons 1,060–2,282), NCF 644 (17.4 %; others 733–3,036)";

    /// <inheritdoc />
    public override string Test => $"in every model (Last.FM is HetRec, D1), popularity neuron's top-K mean rank / the median live neuron's <= {NumberText.Fixed(RatioLimit)} (exact ranks); its share of the catalogue < {NumberText.Fixed(TopShare)} reported";

    /// <inheritdoc />
    public override IReadOnlyList<(string Model, PopularityNeuronResult Result)> Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return [.. Series.Select(s => (s.Cell, evidence.Read(this, s, c => evidence.Concepts(c).Report.Popularity)))];
    }

    /// <summary>The verdict on one seed's popularity neurons (our numbers).</summary>
    public ClaimRow Rule(IReadOnlyList<(string Model, PopularityNeuronResult Result)> models) => Rule(models, NoiseBands.Measured);

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks(IReadOnlyList<(string Model, PopularityNeuronResult Result)> input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input);
        var checks = new List<Check>();
        foreach (var (model, r) in input)
        {
            double ratio = r.Neuron < 0 ? double.NaN : r.MeanRank / MedianLive(r.MeanRankPerNeuron);
            checks.Add(Check.Against(string.Create(CultureInfo.InvariantCulture, $"{model} neuron {r.Neuron}: top-{r.K} mean rank / median neuron's"), ratio,
                "<= " + NumberText.Fixed(RatioLimit), RatioLimit, RatioLimit, 0, higherPasses: false));
            checks.Add(Check.Against(string.Create(CultureInfo.InvariantCulture, $"{model} neuron {r.Neuron}: top-{r.K} mean rank / catalogue ({r.ItemCount})"), r.MeanRankShare,
                "< " + NumberText.Fixed(TopShare), TopShare, TopShare, 0, higherPasses: false, strict: true) with { Decides = false });
        }
        return checks;
    }

    /// <summary>The median over live neurons (a dead neuron's mean rank is NaN); NaN when none is live.</summary>
    public static double MedianLive(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var live = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return live.Length == 0 ? double.NaN : live.Length % 2 == 1 ? live[live.Length / 2] : (live[(live.Length / 2) - 1] + live[live.Length / 2]) / 2;
    }
}
