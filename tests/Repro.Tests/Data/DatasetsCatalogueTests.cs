using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>The catalogue entry point.</summary>
[TestFixture]
public sealed class DatasetsCatalogueTests
{
    /// <summary>A missing data folder gives one message that says how to get it, and that synthetic works offline.</summary>
    [Test]
    public void Missing_dataset_folder_says_how_to_fetch_it()
    {
        using var t = new TempFolder();
        var e = Assert.Throws<DirectoryNotFoundException>(() => Datasets.Load(DatasetName.Ml1m, t.Path))!;
        e.Message.Should().Contain("dotnet build").And.Contain("REPRO_DATASET_MIRROR").And.Contain("-p:DatasetMirror").And.Contain("synthetic");
    }

    /// <summary>The synthetic set loads with no files at all.</summary>
    [Test]
    public void Synthetic_always_loads()
    {
        using var t = new TempFolder();
        Datasets.Load(DatasetName.Synthetic, t.Path).Name.Should().Be(DatasetName.Synthetic);
        Datasets.IsAvailable(DatasetName.Synthetic, t.Path).Should().BeTrue();
        Datasets.IsAvailable(DatasetName.LastFm, t.Path).Should().BeFalse();
    }

    /// <summary>Unknown names list the known ones.</summary>
    [Test]
    public void Unknown_name_lists_the_catalogue()
    {
        var e = Assert.Throws<ArgumentException>(() => Datasets.Load(new DatasetName("ml-20m")))!;
        e.Message.Should().Contain("ml-1m, lastfm, synthetic");
    }
}
