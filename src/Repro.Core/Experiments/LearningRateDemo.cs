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

/// <summary>Trains the ML-1M NCF briefly at both learning rates and measures the collapse (SPEC §3, D8).</summary>
public static class LearningRateDemo
{
    /// <summary>Epochs of each run: enough to show the trend, short enough for the suite.</summary>
    public const int Epochs = 3;

    /// <summary>Runs the demonstration on the session's ML-1M (models cached like every other).</summary>
    public static LearningRateDemoResult Run(ReproductionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var data = session.Data("ml-1m");
        var split = session.Split("ml-1m");
        var cell = PaperSetting.For("ml-1m", "NCF");
        var runs = new List<LearningRateRun>();
        foreach (var settings in new[] { RecommenderSettings.Ml1mNcfPaperLr, RecommenderSettings.Ml1mNcfPaperBatch })
        {
            var trained = session.Recommender(cell with { Recommender = settings with { Epochs = Epochs } });
            double norm;
            using (TorchSharp.torch.no_grad())
            {
                using var n = trained.Model.ItemVectors.norm(1).mean();
                norm = n.cpu().item<float>();
            }
            runs.Add(new LearningRateRun(trained.Settings, trained.EpochLosses, RecommenderEvaluation.Evaluate(trained.Model, data, split), norm));
        }
        session.Progress.Info("learning-rate demonstration (D8) done");
        return new LearningRateDemoResult(runs);
    }
}
