using System.Globalization;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Benchmarks;

/// <summary>How a sweep benchmark trains its SAEs.</summary>
internal enum SweepMode
{
    /// <summary>One lone SAE after another.</summary>
    Sequential,

    /// <summary>One SAE of S members (<see cref="SaeTrainer.Train(Repro.Recommenders.ITwoTower, Repro.Data.Split, IReadOnlyList{SaeSettings}, ulong, Action{int, SaeProgress})"/>): stacked weights, bit-identical to sequential.</summary>
    Stacked,
}

/// <summary>
/// The 5 SAEs of a λ_pred sweep (the paper's grid) on an ML-1M-sized stand-in, trained by each
/// <see cref="SweepMode"/>; the note gives milliseconds per sweep step (all 5 SAEs) and the health of the
/// λ_pred = 1 member, which every mode must agree on.
/// </summary>
internal abstract class SaeSweepBenchmark : SaeBenchmarkBase
{
    protected abstract SweepMode Mode { get; }

    private SaeSettings[] Sweep => [.. PredictionWeightAblation.PaperPredictionWeights.Select(w => Settings with { PredictionWeight = w })];

    public override string? Run()
    {
        var sweep = Sweep;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var saes = Mode switch
        {
            SweepMode.Stacked => SaeTrainer.Train(Model, Split, sweep, 1),
            _ => [.. sweep.Select(s => SaeTrainer.Train(Model, Split, s, 1))],
        };
        double msPerStep = clock.Elapsed.TotalMilliseconds / Math.Max(1, Settings.Steps);
        var h = SaeHealth.Measure(saes[1], Model.UserVectors, Model.ItemVectors);
        foreach (var sae in saes)
        {
            sae.Dispose();
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{sweep.Length} SAEs × {Settings.Steps} steps, {msPerStep:F2} ms per sweep step; λ_pred=1: L0 u/i {h.L0Users:F2}/{h.L0Items:F2}, FVU {h.Fvu:F4}");
    }
}

/// <summary>The ML-1M MF λ_pred sweep (5 × 324 steps), one SAE after another.</summary>
internal sealed class SaeSweepMl1mMfSequential : SaeSweepBenchmark
{
    public override string Name => "sae-sweep-ml1m-mf-sequential";
    protected override RecommenderKind Kind => RecommenderKind.MF;
    protected override SaeSettings Settings => SaeSettings.Ml1mMf;
    protected override SweepMode Mode => SweepMode.Sequential;
}

/// <summary>The ML-1M NCF λ_pred sweep (5 × the preset's ≈ 5,950 steps: one aligned-pair pass each), one SAE after another.</summary>
internal sealed class SaeSweepMl1mNcfSequential : SaeSweepBenchmark
{
    public override string Name => "sae-sweep-ml1m-ncf-sequential";
    public override int Iterations => 1;
    protected override RecommenderKind Kind => RecommenderKind.NCF;
    protected override SaeSettings Settings => SaeSettings.Ml1mNcf;
    protected override SweepMode Mode => SweepMode.Sequential;
}

/// <summary>The ML-1M MF λ_pred sweep (5 × 324 steps) as one SAE of five members.</summary>
internal sealed class SaeSweepMl1mMfStacked : SaeSweepBenchmark
{
    public override string Name => "sae-sweep-ml1m-mf-stacked";
    protected override RecommenderKind Kind => RecommenderKind.MF;
    protected override SaeSettings Settings => SaeSettings.Ml1mMf;
    protected override SweepMode Mode => SweepMode.Stacked;
}

/// <summary>The ML-1M NCF λ_pred sweep (5 × ≈ 5,950 steps) as one SAE of five members.</summary>
internal sealed class SaeSweepMl1mNcfStacked : SaeSweepBenchmark
{
    public override string Name => "sae-sweep-ml1m-ncf-stacked";
    public override int Iterations => 1;
    protected override RecommenderKind Kind => RecommenderKind.NCF;
    protected override SaeSettings Settings => SaeSettings.Ml1mNcf;
    protected override SweepMode Mode => SweepMode.Stacked;
}
