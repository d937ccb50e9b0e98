using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Tests.Experiments;

/// <summary>A user's dataset is trained by the presets it names, under its own name; the paper's cells are unchanged.</summary>
[TestFixture]
public sealed class UserDatasetSettingsTests
{
    /// <summary>The ML-1M presets unless told otherwise, each under the folder's name; catalogue names still get the paper's cells.</summary>
    [TestCase("ml-1m", RecommenderKind.MF)]
    [TestCase("ml-1m", RecommenderKind.NCF)]
    [TestCase("lastfm", RecommenderKind.MF)]
    [TestCase("synthetic", RecommenderKind.NCF)]
    public void A_users_cell_is_its_presets_cell_under_its_own_name(string presets, RecommenderKind model)
    {
        var user = UserDataset.Parse("movielens:/data/ml-latest-small", presets);
        using var session = new ReproductionSession(new SessionOptions { UserDatasets = [user] }, SilentProgress.Instance);

        var cell = session.Setting(user.Name, model);

        cell.Should().Be(PaperSetting.For(presets, model) with { Dataset = "ml-latest-small" });
        session.Setting("ml-1m", model).Should().Be(PaperSetting.For("ml-1m", model));
    }

    /// <summary>The Matryoshka preset follows the cell's SAE preset, not the dataset's name: Last.FM MF's m = 80 wherever the Last.FM MF preset trains.</summary>
    [Test]
    public void Matryoshka_settings_follow_the_preset()
    {
        HierarchyExperiment.SettingsFor(PaperSetting.For("lastfm", RecommenderKind.MF)).Should().Be(SaeSettings.LastFmMfMatryoshka);
        HierarchyExperiment.SettingsFor(PaperSetting.For("lastfm", RecommenderKind.MF) with { Dataset = "mine" }).Should().Be(SaeSettings.LastFmMfMatryoshka);
        HierarchyExperiment.SettingsFor(PaperSetting.For("ml-1m", RecommenderKind.MF)).Variant.Should().Be(SaeVariant.Matryoshka);
        HierarchyExperiment.SettingsFor(PaperSetting.For("ml-1m", RecommenderKind.MF)).Latents.Should().Be(SaeSettings.Ml1mMf.Latents);
        PaperSetting.For("ml-1m", RecommenderKind.MF).Recommender.Should().Be(RecommenderSettings.Ml1mMf);
    }
}
