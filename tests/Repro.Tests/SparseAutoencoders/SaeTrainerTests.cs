using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Tests.TestDoubles;
using static TorchSharp.torch;

namespace Repro.Tests.SparseAutoencoders;

/// <summary>The SAE trainer: deterministic, never touches the recommender, reports every term, guards divergence.</summary>
public class SaeTrainerTests
{
    private static readonly RecDataset Data = SyntheticDataset.Generate();
    private static readonly Split Split = Split.Create(Data, new SplitSettings());

    // Small batches so the 480 synthetic training users make several steps per pass.
    private static readonly SaeSettings Quick = SaeSettings.Ml1mMf with { Latents = 12, Steps = 60, UserBatch = 128, ItemBatch = 128, PairsPerStep = 128, Schedule = SaeSchedule.Auto };

    private static ITwoTower Model(RecommenderKind kind) => kind == RecommenderKind.MF
        ? DotTwoTower.Random(Data.UserCount, Data.ItemCount, 8, 11)
        : new MlpTwoTower(Data.UserCount, Data.ItemCount, 8, 11);

    private static IEnumerable<Tensor> RecommenderParameters(ITwoTower m) =>
        m is DotTwoTower d ? d.Weights : ((MlpTwoTower)m).Weights;

    /// <summary>Two trainings with one seed give bit-identical SAE weights; another seed does not.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Training_is_deterministic_given_the_seed(RecommenderKind kind)
    {
        using var model = Model(kind);
        var settings = kind == RecommenderKind.MF ? Quick : Quick with { EmbeddingWeight = 2, PredictionWeight = 10, KlWeight = 0.07 };
        using var a = SaeTrainer.Train(model, Split, settings, seed: 3);
        using var b = SaeTrainer.Train(model, Split, settings, seed: 3);
        using var c = SaeTrainer.Train(model, Split, settings, seed: 4);
        WeightHash.Of(a.parameters()).Should().Be(WeightHash.Of(b.parameters()));
        WeightHash.Of(a.parameters()).Should().NotBe(WeightHash.Of(c.parameters()));
    }

    /// <summary>Every recommender weight is bit-identical before and after SAE training.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Recommender_weights_are_untouched_by_training(RecommenderKind kind)
    {
        using var model = Model(kind);
        string before = WeightHash.Of(RecommenderParameters(model));
        using var sae = SaeTrainer.Train(model, Split, Quick with { PredictionWeight = 10 }, seed: 1);
        WeightHash.Of(RecommenderParameters(model)).Should().Be(before);
    }

    /// <summary>The prediction loss alone sends a non-zero gradient to the SAE's weight.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Prediction_loss_gradient_reaches_the_sae(RecommenderKind kind)
    {
        using var model = Model(kind);
        using var sae = SparseAutoencoderFactory.Create(kind, model.Dim, Quick, 5);
        var uIdx = Indices.Range(16);
        var iIdx = Indices.Range(16);
        var u = model.UserVectors.index_select(0, uIdx);
        var i = model.ItemVectors.index_select(0, iIdx);
        var loss = kind == RecommenderKind.MF
            ? PredictionLoss.Block(model, uIdx, u, sae.forward(u), iIdx, i, sae.forward(i))
            : PredictionLoss.Pairs(model, uIdx, u, sae.forward(u), iIdx, i, sae.forward(i));
        loss.backward();
        sae.StackedWeight.grad.Should().NotBeNull();
        sae.StackedWeight.grad!.abs().sum().item<float>().Should().BeGreaterThan(0f);
    }

    /// <summary>Progress arrives every <see cref="SaeTrainer.ReportEvery"/> steps and at the last one, with the chunk's finite mean terms.</summary>
    [Test]
    public void Progress_reports_chunk_means_up_to_the_budget()
    {
        using var model = Model(RecommenderKind.MF);
        var seen = new List<SaeProgress>();
        using var sae = SaeTrainer.Train(model, Split, Quick with { Steps = 120 }, seed: 1, seen.Add);
        seen.Select(p => p.Step).Should().Equal(50, 100, 120);
        seen.Should().OnlyContain(p => p.Steps == 120 && double.IsFinite(p.Total) && p.Embedding > 0 && p.Prediction > 0 && p.Kl > 0);
    }

    /// <summary>The MF schedule zips user batches (drop_last) with a cycled item stream: the notebooks' epoch.</summary>
    [Test]
    public void Mf_schedule_is_users_zipped_with_cycled_items()
    {
        Quick.ScheduleFor(RecommenderKind.MF).Should().Be(SaeSchedule.UserItemStreams);
        Quick.ScheduleFor(RecommenderKind.NCF).Should().Be(SaeSchedule.AlignedPairs);
        (SaeSettings.Ml1mMf.Steps / 18).Should().Be(18, "ML-1M: 4,831 SAE-training users / 256 = 18 steps an epoch, 18 epochs");
        SaeSettings.LastFmMf.Steps.Should().Be(30 * 70, "Last.FM keeps the original's step budget");
    }

    /// <summary>A non-finite loss stops training with the steps and the term named.</summary>
    [Test]
    public void Non_finite_loss_names_the_steps_and_the_term()
    {
        var users = randn(Data.UserCount, 8);
        users[0, 0] = float.NaN;
        foreach (int u in Split.SaeTrainUsers)
        {
            users[u, 0] = float.NaN;
        }
        using var model = new DotTwoTower(users, randn(Data.ItemCount, 8), zeros(Data.UserCount), zeros(Data.ItemCount));
        var act = () => SaeTrainer.Train(model, Split, Quick, seed: 1);
        act.Should().Throw<InvalidOperationException>().WithMessage("*loss is NaN in steps 1–50*");
    }

    /// <summary>Invalid settings are refused with the field named.</summary>
    [Test]
    public void Invalid_settings_name_the_field()
    {
        var act = () => (Quick with { Rho = 1.5 }).Validate();
        act.Should().Throw<ArgumentException>().WithMessage("*Rho = 1.5*0 < ρ < 1*");
        var steps = () => (Quick with { Steps = -1 }).Validate();
        steps.Should().Throw<ArgumentException>().WithMessage("*Steps = -1*");
    }

    /// <summary>Top-K training keeps at most k active latents per vector.</summary>
    [Test]
    public void TopK_training_keeps_at_most_k_active()
    {
        using var model = Model(RecommenderKind.MF);
        using var sae = SaeTrainer.Train(model, Split, Quick with { Variant = SaeVariant.TopK, TopK = 3, KlWeight = 0 }, seed: 1);
        var health = SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors);
        health.L0Users.Should().BeLessThanOrEqualTo(3);
        health.L0Items.Should().BeLessThanOrEqualTo(3);
    }

    /// <summary>Matryoshka training lowers the first prefix's reconstruction error below its untrained value.</summary>
    [Test]
    public void Matryoshka_training_teaches_the_first_prefix_to_reconstruct()
    {
        using var model = Model(RecommenderKind.MF);
        var settings = Quick with { Latents = 16, Variant = SaeVariant.Matryoshka, Steps = 180 };
        using var untrained = (MatryoshkaSparseAutoencoder)SparseAutoencoderFactory.Create(RecommenderKind.MF, 8, settings, 1);
        using var trained = (MatryoshkaSparseAutoencoder)SaeTrainer.Train(model, Split, settings, seed: 1);
        double Fvu(MatryoshkaSparseAutoencoder s)
        {
            using var g = no_grad();
            var x = model.ItemVectors;
            return SaeHealth.Fvu(x, s.PrefixReconstructions(s.Encode(x), x)[0]);
        }
        Fvu(trained).Should().BeLessThan(Fvu(untrained));
    }
}
