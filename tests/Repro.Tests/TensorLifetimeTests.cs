using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;
using Repro.Interventions;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Tests.Recommenders;
using TorchSharp;

namespace Repro.Tests;

/// <summary>
/// Nothing on the torch path is left for the finalizer (issue "No Scalar temporaries on the torch path", item 3):
/// every tensor a training step, an evaluation or an analysis makes is disposed by a dispose scope or by its owner, so
/// TorchSharp's count of live tensors on this thread is the same before and after, however long the loop runs.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TensorLifetimeTests
{
    private static long Live() => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    // The live tensors that running an action leaves behind (after a warm-up run, so lazily made state is not counted).
    private static long LeftBehind(Action action)
    {
        action();
        long before = Live();
        action();
        return Live() - before;
    }

    /// <summary>An SAE training leaves no tensor alive once its SAE is disposed, for a short and a six-times longer loop.</summary>
    [TestCase(RecommenderKind.MF, 10)]
    [TestCase(RecommenderKind.MF, 60)]
    [TestCase(RecommenderKind.NCF, 10)]
    [TestCase(RecommenderKind.NCF, 60)]
    public void Sae_training_leaves_no_tensor_alive(RecommenderKind kind, int steps)
    {
        var model = SyntheticRecommenders.Get(kind).Model;
        var settings = Repro.Experiments.PaperSetting.For(Repro.Data.DatasetName.Synthetic, kind).Sae with { Steps = steps };
        LeftBehind(() =>
        {
            using var sae = SaeTrainer.Train(model, SyntheticRecommenders.Split, settings, seed: 5);
        }).Should().Be(0);
    }

    /// <summary>A lockstep sweep of three SAEs leaves no tensor alive once they are disposed.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Sweep_training_leaves_no_tensor_alive(RecommenderKind kind)
    {
        var model = SyntheticRecommenders.Get(kind).Model;
        var baseline = Repro.Experiments.PaperSetting.For(Repro.Data.DatasetName.Synthetic, kind).Sae with { Steps = 20 };
        SaeSettings[] sweep = [baseline with { PredictionWeight = 0 }, baseline, baseline with { PredictionWeight = 5 }];
        LeftBehind(() =>
        {
            foreach (var sae in SaeTrainer.Train(model, SyntheticRecommenders.Split, sweep, seed: 5))
            {
                sae.Dispose();
            }
        }).Should().Be(0);
    }

    /// <summary>Training a recommender (MF's host SGD, NCF's Adam steps) leaves nothing alive once the model is disposed.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Recommender_training_leaves_no_tensor_alive(RecommenderKind kind)
    {
        var settings = (kind == RecommenderKind.MF ? RecommenderSettings.SyntheticMf : RecommenderSettings.SyntheticNcf) with { Epochs = 2 };
        LeftBehind(() =>
        {
            using var trained = RecommenderTrainer.Train(SyntheticRecommenders.Data, SyntheticRecommenders.Split, settings, torch.CPU).Model;
        }).Should().Be(0);
    }

    /// <summary>Scoring passes (evaluation, fidelity, health, a suppression grid) leave no tensor alive.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Scoring_passes_leave_no_tensor_alive(RecommenderKind kind)
    {
        var trained = SyntheticRecommenders.Get(kind);
        var model = trained.Model;
        var data = SyntheticRecommenders.Data;
        var split = SyntheticRecommenders.Split;
        using var sae = SaeTrainer.Train(model, split, Repro.Experiments.PaperSetting.For(Repro.Data.DatasetName.Synthetic, kind).Sae with { Steps = 20 }, seed: 2);
        LeftBehind(() => RecommenderEvaluation.Evaluate(model, data, split)).Should().Be(0, "evaluation");
        LeftBehind(() => Fidelity.Measure(model, sae, split)).Should().Be(0, "fidelity");
        LeftBehind(() => SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors)).Should().Be(0, "health");
        LeftBehind(() => Repro.Experiments.SaeActivations.Items(sae, model)).Should().Be(0, "activations");
        var intervention = new LatentIntervention(model, sae);
        LeftBehind(() => Suppression.Run(intervention, data, split, data.Concepts, 0, 1)).Should().Be(0, "suppression");
        LeftBehind(() => Ranking.TopKForUsers(model, [.. split.SaeTestUsers], 30, split.TrainItems)).Should().Be(0, "top-k");
        int[] audience = [.. split.SaeTestUsers.Take(8)];
        LeftBehind(() => Nudging.Run(intervention, audience, data.Concepts, 1, 2)).Should().Be(0, "nudging");
        LeftBehind(() => ItemPromotion.Run(intervention, data, split, data.Concepts, 2, 3)).Should().Be(0, "promotion");
        LeftBehind(() => Repro.Experiments.ConceptExperiment.Run(Repro.Experiments.PaperSetting.For(Repro.Data.DatasetName.Synthetic, kind), data, model, sae)).Should().Be(0, "concepts");
    }

    /// <summary>Writing, fingerprinting and reading back a checkpoint leave no tensor alive.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Checkpoints_leave_no_tensor_alive(RecommenderKind kind)
    {
        var model = SyntheticRecommenders.Get(kind).Model;
        using var sae = SaeTrainer.Train(model, SyntheticRecommenders.Split, Repro.Experiments.PaperSetting.For(Repro.Data.DatasetName.Synthetic, kind).Sae with { Steps = 5 }, seed: 2);
        string path = Path.Combine(Path.GetTempPath(), "repro-lifetime-" + Guid.NewGuid().ToString("N") + ".model");
        try
        {
            LeftBehind(() =>
            {
                Checkpoint.Save(path, "key", sae, []);
                _ = Checkpoint.Fingerprint(sae);
                Checkpoint.TryLoad(path, "key", sae).Status.Should().Be(CheckpointStatus.Loaded);
            }).Should().Be(0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Exporting an SAE and a recommender to tensors and importing them back leaves no tensor alive once the imports are disposed.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Export_and_import_leave_no_tensor_alive(RecommenderKind kind)
    {
        var trained = SyntheticRecommenders.Get(kind);
        var settings = Repro.Experiments.PaperSetting.For(Repro.Data.DatasetName.Synthetic, kind).Sae with { Steps = 5 };
        using var sae = SaeTrainer.Train(trained.Model, SyntheticRecommenders.Split, settings, seed: 5);
        LeftBehind(() =>
        {
            var saeTensors = Repro.Exchange.SaeTensors.Export(sae).ToDictionary(t => t.Name);
            var recommenderTensors = Repro.Exchange.RecommenderTensors.Export(trained.Model).ToDictionary(t => t.Name);
            using var back = Repro.Exchange.SaeTensors.Import(kind, sae.InputDim, settings, 5, saeTensors, torch.CPU);
            using var model = Repro.Exchange.RecommenderTensors.Import(trained.Settings, trained.Model.UserCount, trained.Model.ItemCount, recommenderTensors, torch.CPU);
        }).Should().Be(0);
    }
}
