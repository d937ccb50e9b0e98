using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Data;

namespace Repro.Tests.Experiments;

/// <summary>
/// The session's sweep node: the SAEs of a λ_pred sweep trained together are the same nodes, stored under the same keys,
/// with the same weights as SAEs trained one at a time; made or cached members are reused, not retrained.
/// </summary>
[NonParallelizable]
public sealed class SaeSweepNodeTests
{
    private static readonly PaperSetting Cell = PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF) with
    {
        Recommender = RecommenderSettings.SyntheticMf with { Epochs = 2 },
        Sae = PaperSetting.SyntheticSae with { Steps = 40 },
    };

    private static readonly IReadOnlyList<SaeSettings> Sweep = [.. new[] { 0.0, 1, 10 }.Select(w => Cell.Sae with { PredictionWeight = w })];

    private readonly List<string> _caches = [];

    /// <summary>Removes the temporary caches the test made.</summary>
    [TearDown]
    public void DeleteCaches()
    {
        foreach (string c in _caches)
        {
            Directory.Delete(c, recursive: true);
        }
        _caches.Clear();
    }

    private ReproductionSession Session(string? cache = null)
    {
        if (cache is null)
        {
            cache = Directory.CreateTempSubdirectory("repro-sweep-").FullName;
            _caches.Add(cache);
        }
        return new ReproductionSession(new SessionOptions(CacheDirectory: cache), SilentProgress.Instance);
    }

    private static string Weights(TiedSparseAutoencoder sae) => Checkpoint.Fingerprint(sae);

    /// <summary>
    /// A member made earlier in the session is the sweep's (same object); the others are trained together, each the
    /// node <see cref="ReproductionSession.Sae"/> then returns, and a second session over the same cache loads all of them.
    /// </summary>
    [Test]
    public void Sweep_members_are_the_sessions_nodes_and_are_cached_under_their_own_keys()
    {
        using var first = Session();
        var alone = first.Sae(Cell, Sweep[1], 7);
        var swept = first.SaeSweep(Cell, Sweep, 7);

        swept[1].Should().BeSameAs(alone);
        for (int k = 0; k < Sweep.Count; k++)
        {
            first.Sae(Cell, Sweep[k], 7).Should().BeSameAs(swept[k]);
        }
        first.Timings.Should().ContainSingle(t => t.Label.Contains("SAE sweep", StringComparison.Ordinal) && !t.Cached)
            .Which.Label.Should().Contain("λ_pred ∈ {0, 10}", "only the members not yet made are trained");

        string cache = _caches[0];
        using var second = Session(cache);
        var reloaded = second.SaeSweep(Cell, Sweep, 7);
        second.Timings.Where(t => t.Label.Contains("SAE", StringComparison.Ordinal)).Should().OnlyContain(t => t.Cached);
        reloaded.Select(Weights).Should().Equal(swept.Select(Weights));
    }

    /// <summary>On the CPU an SAE trained in a sweep has exactly the weights of the same SAE trained alone.</summary>
    [Test]
    public void A_swept_sae_equals_the_one_trained_alone()
    {
        using var together = Session();
        var swept = together.SaeSweep(Cell, Sweep, 3);
        using var apart = Session();
        for (int k = 0; k < Sweep.Count; k++)
        {
            Weights(apart.Sae(Cell, Sweep[k], 3)).Should().Be(Weights(swept[k]), $"λ_pred = {Sweep[k].PredictionWeight}");
        }
    }

    /// <summary>
    /// A member asked for while its sweep runs is made once: whichever request comes first trains it, the other gets the
    /// same object, and no SAE of the sweep is trained twice.
    /// </summary>
    [Test]
    public void A_member_requested_during_its_sweep_is_trained_once()
    {
        using var session = Session();
        session.Model(Cell).Should().NotBeNull();
        var sweep = Task.Run(() => session.SaeSweep(Cell, Sweep, 5));
        var single = Task.Run(() => session.Sae(Cell, Sweep[2], 5));
        Task.WaitAll(sweep, single);

        sweep.Result[2].Should().BeSameAs(single.Result);
        var trained = session.Timings.Where(t => !t.Cached && t.Label.Contains("SAE", StringComparison.Ordinal)).Select(t => t.Label).ToList();
        int swept = trained.Where(l => l.Contains("SAE sweep", StringComparison.Ordinal))
            .Sum(l => l[(l.IndexOf('{', StringComparison.Ordinal) + 1)..l.IndexOf('}', StringComparison.Ordinal)].Split(", ").Length);
        int alone = trained.Count(l => !l.Contains("SAE sweep", StringComparison.Ordinal));
        (swept + alone).Should().Be(Sweep.Count, string.Join("; ", trained));
    }

    /// <summary>
    /// The run's λ_pred grid (<see cref="SessionOptions.PredictionWeights"/>, the CLI's --prediction-weights) is the
    /// ablation's: one row per λ_pred in its order, each SAE the session's node for that λ_pred and seed.
    /// </summary>
    [Test]
    public void The_ablation_runs_the_sessions_prediction_weights()
    {
        string cache = Directory.CreateTempSubdirectory("repro-sweep-").FullName;
        _caches.Add(cache);
        using var session = new ReproductionSession(new SessionOptions(Seed: 9, CacheDirectory: cache) { PredictionWeights = [0, 3, 7.5] }, SilentProgress.Instance);
        var results = new PaperResults(session, [Cell]);

        var ablation = results.Ablation(Cell);

        ablation.Rows.Select(r => r.PredictionWeight).Should().Equal(0, 3, 7.5);
        ablation.Seed.Should().Be(9);
        session.Timings.Should().ContainSingle(t => t.Label.Contains("SAE sweep", StringComparison.Ordinal))
            .Which.Label.Should().Contain("λ_pred ∈ {0, 3, 7.5}, seed 9");
        var again = session.Sae(Cell, Cell.Sae with { PredictionWeight = 3 }, 9);
        session.Timings.Where(t => !t.Cached && t.Label.Contains("SAE", StringComparison.Ordinal)).Should().HaveCount(1, "λ_pred = 3 was a member of the sweep");
        again.Should().NotBeNull();
    }

    /// <summary>A grid the ablation cannot rule on is refused when the session is made, naming what is wrong.</summary>
    [TestCase(new[] { 0.0, 10 }, "at least three values")]
    [TestCase(new[] { 0.0, 5, 2 }, "ascending order")]
    [TestCase(new[] { 0.0, 1, double.PositiveInfinity }, "finite number ≥ 0")]
    public void A_bad_grid_is_refused_by_the_session(double[] grid, string why)
    {
        var make = () => new ReproductionSession(new SessionOptions { PredictionWeights = grid }, SilentProgress.Instance);
        make.Should().Throw<ArgumentException>().WithMessage($"SessionOptions.PredictionWeights: *{why}*");
    }
}
