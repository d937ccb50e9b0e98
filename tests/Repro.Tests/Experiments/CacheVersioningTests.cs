using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Data;

namespace Repro.Tests.Experiments;

/// <summary>
/// Cached models are keyed by what produced them: an untouched model is reused; a changed recommender retrains the
/// SAEs trained on it; a checkpoint written under another code version is retrained, never reused.
/// </summary>
[NonParallelizable]
public sealed class CacheVersioningTests
{
    private static readonly PaperSetting Cell = PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF) with
    {
        Recommender = RecommenderSettings.SyntheticMf with { Epochs = 2 },
        Sae = PaperSetting.SyntheticSae with { Steps = 30 },
    };

    private string _cache = "";

    /// <summary>Creates the fresh temporary folder each test works in.</summary>
    [SetUp]
    public void CreateCache() => _cache = Directory.CreateTempSubdirectory("repro-versions-").FullName;

    /// <summary>Removes the temporary folder and everything the test wrote there.</summary>
    [TearDown]
    public void DeleteCache() => Directory.Delete(_cache, recursive: true);

    private sealed class Log : IProgressSink
    {
        public List<string> Lines { get; } = [];

        public void Info(string line) => Lines.Add(line);

        public void Training(string what, int epoch, int epochs, int step, int steps, double loss)
        {
        }
    }

    private (List<string> Lines, string RecPath) Run()
    {
        var log = new Log();
        using var session = new ReproductionSession(new SessionOptions(CacheDirectory: _cache), log);
        session.Sae(Cell, Cell.Sae, 42);
        var data = session.Data(DatasetName.Synthetic);
        string recPath = ModelCache.PathFor(Cell.Recommender, data, session.SplitSettings, session.Device, _cache);
        return (log.Lines, recPath);
    }

    /// <summary>A second session reuses both the recommender and the SAE.</summary>
    [Test]
    public void Untouched_models_are_reused()
    {
        Run();
        var (lines, _) = Run();
        lines.Should().Contain(l => l.Contains("recommender: reused", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("SAE", StringComparison.Ordinal) && l.EndsWith(": reused", StringComparison.Ordinal));
    }

    /// <summary>
    /// A recommender checkpoint replaced by other weights under the same key (as a retraining with other threads
    /// would leave) is loaded, and the SAE trained on the old weights is retrained, not reused.
    /// </summary>
    [Test]
    public void A_changed_recommender_retrains_its_SAEs()
    {
        var (_, recPath) = Run();
        var data = Repro.Data.SyntheticDataset.Generate();
        var split = Repro.Data.Split.Create(data, new Repro.Data.SplitSettings());
        var other = RecommenderTrainer.Train(data, split, Cell.Recommender with { Seed = 42, Epochs = 3 }, TorchSharp.torch.CPU);
        // Same key (settings with 2 epochs), other weights (3 epochs).
        ModelCache.Save(recPath, other with { Settings = Cell.Recommender with { Seed = 42 } }, data, split.Settings, TorchSharp.torch.CPU);
        other.Model.Dispose();
        var (lines, _) = Run();
        lines.Should().Contain(l => l.Contains("recommender: reused", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("SAE", StringComparison.Ordinal) && l.Contains(": trained (no checkpoint)", StringComparison.Ordinal));
    }

    /// <summary>The keys name the code that trains: the trainer versions and the checkpoint format, and the device.</summary>
    [Test]
    public void Keys_carry_the_code_versions_and_the_device()
    {
        var log = new Log();
        using var session = new ReproductionSession(new SessionOptions(CacheDirectory: _cache), log);
        var data = session.Data(DatasetName.Synthetic);
        string recKey = ModelCache.Key(Cell.Recommender, data, session.SplitSettings, session.Device);
        recKey.Should().Contain(RecommenderTrainer.Version).And.Contain(Checkpoint.Format).And.Contain("device=CPU");
        string saeKey = session.SaeKey(Cell, Cell.Sae, 42);
        saeKey.Should().Contain(SaeTrainer.Version).And.Contain(Checkpoint.Format).And.Contain("recommender=" + session.RecommenderFingerprint(Cell));
    }

    /// <summary>A checkpoint written under another trainer version is refused as another key, so the model is retrained.</summary>
    [Test]
    public void A_bumped_trainer_version_retrains()
    {
        var (_, recPath) = Run();
        var log = new Log();
        using var session = new ReproductionSession(new SessionOptions(CacheDirectory: _cache), log);
        var data = session.Data(DatasetName.Synthetic);
        string key = ModelCache.Key(Cell.Recommender with { Seed = 42 }, data, session.SplitSettings, session.Device);
        string bumped = key.Replace(RecommenderTrainer.Version, RecommenderTrainer.Version + "-next", StringComparison.Ordinal);
        using var probe = new MatrixFactorization(data.UserCount, data.ItemCount, Cell.Recommender.Dim, 42);
        Checkpoint.TryLoad(recPath, key, probe).Numbers.Should().NotBeNull("the current version's checkpoint loads");
        var (_, numbers, reason) = Checkpoint.TryLoad(recPath, bumped, probe);
        numbers.Should().BeNull();
        reason.Should().Contain("key mismatch");
    }
}
