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
    [TestCase(PresetFamily.Ml1m, RecommenderKind.MF)]
    [TestCase(PresetFamily.Ml1m, RecommenderKind.NCF)]
    [TestCase(PresetFamily.LastFm, RecommenderKind.MF)]
    [TestCase(PresetFamily.Quick, RecommenderKind.NCF)]
    public void A_users_cell_is_its_presets_cell_under_its_own_name(PresetFamily presets, RecommenderKind model)
    {
        var user = UserDataset.Parse("movielens:/data/ml-latest-small", presets);
        using var session = new ReproductionSession(new SessionOptions { UserDatasets = [user] }, SilentProgress.Instance);

        var cell = session.Setting(user.Name, model);

        cell.Should().Be(PaperSetting.ForPresets(presets, model) with { Dataset = new DatasetName("ml-latest-small") });
        session.Setting(DatasetName.Ml1m, model).Should().Be(PaperSetting.For(DatasetName.Ml1m, model));
    }

    /// <summary>The Matryoshka preset follows the cell's SAE preset, not the dataset's name: Last.FM MF's m = 80 wherever the Last.FM MF preset trains.</summary>
    [Test]
    public void Matryoshka_settings_follow_the_preset()
    {
        HierarchyExperiment.SettingsFor(PaperSetting.For(DatasetName.LastFm, RecommenderKind.MF)).Should().Be(SaeSettings.LastFmMfMatryoshka);
        HierarchyExperiment.SettingsFor(PaperSetting.For(DatasetName.LastFm, RecommenderKind.MF) with { Dataset = new DatasetName("mine") }).Should().Be(SaeSettings.LastFmMfMatryoshka);
        HierarchyExperiment.SettingsFor(PaperSetting.For(DatasetName.Ml1m, RecommenderKind.MF)).Variant.Should().Be(SaeVariant.Matryoshka);
        HierarchyExperiment.SettingsFor(PaperSetting.For(DatasetName.Ml1m, RecommenderKind.MF)).Latents.Should().Be(SaeSettings.Ml1mMf.Latents);
        PaperSetting.For(DatasetName.Ml1m, RecommenderKind.MF).Recommender.Should().Be(RecommenderSettings.Ml1mMf);
    }
}
