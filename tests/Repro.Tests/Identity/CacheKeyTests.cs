using FluentAssertions;
using NUnit.Framework;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Tests.Identity;

/// <summary>Cache keys are canonical: built from what changes the weights, never from a display label or a spelling.</summary>
public sealed class CacheKeyTests
{
    private static string Key(SaeSettings s, RecommenderKind kind = RecommenderKind.MF) => SaeCache.Key(s, kind, 42, "fingerprint", TorchSharp.torch.CPU);

    /// <summary>Renaming settings (a table label) keeps the key; every field that shapes training changes it.</summary>
    [Test]
    public void Sae_key_holds_the_training_fields_and_not_the_name()
    {
        var s = SaeSettings.Ml1mMf;
        Key(s with { Name = "another label" }).Should().Be(Key(s));
        SaeSettings[] changed =
        [
            s with { Latents = 23 }, s with { EmbeddingWeight = 0.2 }, s with { PredictionWeight = 2 }, s with { L1Weight = 0.1 },
            s with { KlWeight = 0.02 }, s with { Rho = 0.1 }, s with { Steps = 10 }, s with { LearningRate = 2e-3 },
            s with { UserBatch = 128 }, s with { ItemBatch = 128 }, s.WithTopK(3), s with { Variant = SaeVariant.Matryoshka },
            s with { Prediction = PredictionLossForm.PairBce },
        ];
        changed.Select(c => Key(c)).Should().OnlyHaveUniqueItems().And.NotContain(Key(s));
        SaeCache.Key(s, RecommenderKind.MF, 43, "fingerprint", TorchSharp.torch.CPU).Should().NotBe(Key(s), "the seed");
        SaeCache.Key(s, RecommenderKind.MF, 42, "other weights", TorchSharp.torch.CPU).Should().NotBe(Key(s), "the recommender's weights");
    }

    /// <summary>Settings that train the same SAE share a key: an Auto schedule and its resolved value, a batch size the schedule does not use.</summary>
    [Test]
    public void Sae_key_resolves_what_the_recommender_decides()
    {
        var s = SaeSettings.Ml1mMf;
        Key(s with { Schedule = SaeSchedule.Auto }).Should().Be(Key(s with { Schedule = SaeSchedule.UserItemStreams }));
        Key(s with { Prediction = PredictionLossForm.Auto }).Should().Be(Key(s with { Prediction = PredictionLossForm.BlockLogitMse }));
        Key(s with { PairsPerStep = 64 }).Should().Be(Key(s), "the user-item schedule draws no aligned pairs");
        var ncf = SaeSettings.Ml1mNcf;
        Key(ncf with { UserBatch = 64 }, RecommenderKind.NCF).Should().Be(Key(ncf, RecommenderKind.NCF), "the aligned-pair schedule draws no user batches");
    }

    /// <summary>The key is the same text whatever the thread's culture (a decimal comma would have made another key).</summary>
    [Test]
    public void Keys_do_not_depend_on_the_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        string invariant = Key(SaeSettings.LastFmNcf, RecommenderKind.NCF) + RecommenderSettings.LastFmNcf.TrainingIdentity() + new Repro.Data.SplitSettings().Identity();
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            (Key(SaeSettings.LastFmNcf, RecommenderKind.NCF) + RecommenderSettings.LastFmNcf.TrainingIdentity() + new Repro.Data.SplitSettings().Identity()).Should().Be(invariant);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
        invariant.Should().Contain("λ_L1=1.27E-05").And.Contain("sae-test=0.2");
    }

    /// <summary>A recommender's key ignores the L2 weight where its training does not use it (NCF), and keeps it for MF.</summary>
    [Test]
    public void Recommender_identity_holds_what_its_training_uses()
    {
        RecommenderSettings.LastFmNcf.TrainingIdentity().Should().Be((RecommenderSettings.LastFmNcf with { L2 = 0.5 }).TrainingIdentity());
        RecommenderSettings.Ml1mMf.TrainingIdentity().Should().NotBe((RecommenderSettings.Ml1mMf with { L2 = 0.5 }).TrainingIdentity());
        RecommenderSettings.Ml1mMf.TrainingIdentity().Should().NotBe((RecommenderSettings.Ml1mMf with { Seed = 43 }).TrainingIdentity());
    }
    /// <summary>A run's SAE node is its training identity: a renamed request (the Matryoshka's plain control) is the same node, a changed weight is not.</summary>
    [Test]
    public void Sae_nodes_with_the_same_training_identity_are_one_node()
    {
        var recommender = new Repro.Orchestration.RecommenderNode(Repro.Data.DatasetName.Ml1m, RecommenderSettings.Ml1mMf);
        var node = new Repro.Orchestration.SaeNode(recommender, SaeSettings.Ml1mMf, 42);
        var renamed = node with { Settings = SaeSettings.Ml1mMf with { Name = "control (plain)" } };
        renamed.Should().Be(node);
        renamed.GetHashCode().Should().Be(node.GetHashCode());
        new HashSet<Repro.Orchestration.SaeNode> { node, renamed }.Should().HaveCount(1);
        (node with { Settings = SaeSettings.Ml1mMf with { PredictionWeight = 2 } }).Should().NotBe(node);
        (node with { Seed = 43 }).Should().NotBe(node);
        (node with { Recommender = recommender with { Dataset = Repro.Data.DatasetName.LastFm } }).Should().NotBe(node);
    }
}
