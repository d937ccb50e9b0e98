using Repro.Data;
using Repro.Recommenders;

namespace Repro.Experiments;

/// <summary>One learning rate of the D8 demonstration: its per-epoch training loss and its accuracy after training.</summary>
/// <param name="Settings">The recommender's settings.</param>
/// <param name="EpochLosses">Mean training loss per epoch.</param>
/// <param name="Accuracy">HR@10 and NDCG@10 on both protocols.</param>
/// <param name="MeanItemNorm">Mean L2 norm of the item embeddings (diverged runs blow them up).</param>
public sealed record LearningRateRun(RecommenderSettings Settings, IReadOnlyList<double> EpochLosses, AccuracyResult Accuracy, double MeanItemNorm);

/// <summary>Deviation D8 shown, not asserted from memory: the notebooks' ML-1M NCF learning rate 0.05 against the suite's 1e-3.</summary>
/// <param name="Runs">The notebooks' rate first, then SPEC's.</param>
public sealed record LearningRateDemoResult(IReadOnlyList<LearningRateRun> Runs);

/// <summary>The ML-1M NCF trained briefly at both learning rates, and what the collapse looks like (SPEC §3, D8).</summary>
public static class LearningRateDemo
{
    /// <summary>Epochs of each run: enough to show the trend, short enough for the suite.</summary>
    public const int Epochs = 3;

    /// <summary>The two runs' settings: the notebooks' lr 0.05, then SPEC's 1e-3, both at the paper's batch 256 for <see cref="Epochs"/> epochs.</summary>
    public static IReadOnlyList<RecommenderSettings> Settings { get; } =
        [RecommenderSettings.Ml1mNcfPaperLr with { Epochs = Epochs }, RecommenderSettings.Ml1mNcfPaperBatch with { Epochs = Epochs }];

    /// <summary>Measures each trained run (losses, accuracy on both protocols, mean item-vector norm) on the dataset's split.</summary>
    public static LearningRateDemoResult Run(RecDataset data, Split split, IEnumerable<TrainedRecommender> runs)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(runs);
        var measured = new List<LearningRateRun>();
        foreach (var trained in runs)
        {
            double norm;
            using (TorchSharp.torch.NewDisposeScope())
            using (TorchSharp.torch.no_grad())
            {
                norm = trained.Model.ItemVectors.norm(1).mean().cpu().item<float>();
            }
            measured.Add(new LearningRateRun(trained.Settings, trained.EpochLosses, RecommenderEvaluation.Evaluate(trained.Model, data, split), norm));
        }
        return new LearningRateDemoResult(measured);
    }
}
