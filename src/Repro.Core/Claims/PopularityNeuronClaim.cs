using System.Globalization;
using Repro.Analysis;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 3 against a baseline: in every model, the popularity neuron's top-K mean popularity rank is at most
/// <see cref="RatioLimit"/> × the median live neuron's (an ordinary neuron); the share of the catalogue is shown beside
/// the paper's 16–17 %.
/// </summary>
public sealed record PopularityNeuronClaim() : Claim(3, "A popularity neuron exists in every model")
{
    /// <summary>The popularity neuron's top-K mean rank must be at most this fraction of the median neuron's.</summary>
    public const double RatioLimit = 0.6;

    /// <summary>The paper's popularity neurons sit at 16–17 % of the ML-1M catalogue (595 and 644 of 3,706).</summary>
    public const string PaperShares = "paper ML-1M: MF 16.1 %, NCF 17.4 %";

    /// <summary>Every paper cell's popularity neuron.</summary>
    public static IReadOnlyList<SeriesName> Series { get; } = EveryPaperCell("popularity neuron");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. Series.Select(s => (s.Cell, evidence.Read(this, s, c => evidence.Concepts(c).Report.Popularity)))]);
    }

    /// <summary>The verdict on each model's popularity neuron.</summary>
    public ClaimRow Rule(IReadOnlyList<(string Model, PopularityNeuronResult Result)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            return Row("-", Verdict.Pending, "no model measured");
        }
        bool ok = true;
        var parts = new List<string>();
        foreach (var (model, r) in models)
        {
            double median = MedianLive(r.MeanRankPerNeuron);
            double ratio = r.MeanRank / median;
            ok &= r.Neuron >= 0 && ratio <= RatioLimit;
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{model}: neuron {r.Neuron}, mean rank {NumberText.Significant(r.MeanRank)} ({NumberText.Fixed(100 * r.MeanRankShare, 1)} % of {r.ItemCount}, K = {r.K}) vs median neuron {NumberText.Significant(median)} (ratio {NumberText.Fixed(ratio)})"));
        }
        return Row(string.Join("; ", parts) + "; " + PaperShares, ok ? Verdict.Reproduced : Verdict.NotReproduced,
            $"test: in every model, popularity neuron's top-K mean rank <= {NumberText.Fixed(RatioLimit)} x the median neuron's");
    }

    // The median over live neurons (a dead neuron's mean rank is NaN).
    private static double MedianLive(IReadOnlyList<double> values)
    {
        var live = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return live.Length == 0 ? double.NaN : live.Length % 2 == 1 ? live[live.Length / 2] : (live[(live.Length / 2) - 1] + live[live.Length / 2]) / 2;
    }
}
