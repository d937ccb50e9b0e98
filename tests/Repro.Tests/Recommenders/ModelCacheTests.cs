using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Tests.Recommenders;

/// <summary>The model cache returns the stored model, and retrains instead of using a damaged or foreign file.</summary>
public class ModelCacheTests
{
    private string _dir = "";

    private static RecDataset Data => SyntheticRecommenders.Data;

    private static Split Split => SyntheticRecommenders.Split;

    private static readonly RecommenderSettings Quick = RecommenderSettings.SyntheticMf with { Epochs = 1 };

    /// <summary>Creates the fresh temporary folder each test works in.</summary>
    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("repro-cache-").FullName;

    /// <summary>Removes the temporary folder and everything the test wrote there.</summary>
    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    /// <summary>A second lookup loads the stored weights bit for bit, for both model kinds.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Second_lookup_loads_identical_weights(RecommenderKind kind)
    {
        var settings = kind == RecommenderKind.MF ? Quick : RecommenderSettings.SyntheticNcf with { Epochs = 1 };
        var first = ModelCache.GetOrTrain(Data, Split, settings, TorchSharp.torch.CPU, directory: _dir);
        var second = ModelCache.GetOrTrain(Data, Split, settings, TorchSharp.torch.CPU, directory: _dir);
        using (first.Trained.Model)
        using (second.Trained.Model)
        {
            first.FromCache.Should().BeFalse();
            first.Read.Status.Should().Be(CheckpointStatus.Missing);
            second.FromCache.Should().BeTrue();
            second.Trained.EpochLosses.Should().Equal(first.Trained.EpochLosses);
            Flat(second.Trained.Model).Should().Equal(Flat(first.Trained.Model));
            ((nn.Module)second.Trained.Model).parameters().Should().OnlyContain(p => !p.requires_grad);
        }
    }

    /// <summary>A truncated file is detected by its checksum and the model retrained.</summary>
    [Test]
    public void Truncated_checkpoint_is_retrained()
    {
        ModelCache.GetOrTrain(Data, Split, Quick, TorchSharp.torch.CPU, directory: _dir).Trained.Model.Dispose();
        string path = ModelCache.PathFor(Quick, Data, Split.Settings, TorchSharp.torch.CPU, _dir);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var again = ModelCache.GetOrTrain(Data, Split, Quick, TorchSharp.torch.CPU, directory: _dir);
        using (again.Trained.Model)
        {
            again.FromCache.Should().BeFalse();
            again.Read.Problem.Should().Contain("checksum");
            File.ReadAllBytes(path).Should().Equal(bytes, "the retrained model is written back");
        }
    }

    /// <summary>One flipped byte in the weights is detected and the model retrained.</summary>
    [Test]
    public void Garbled_checkpoint_is_retrained()
    {
        ModelCache.GetOrTrain(Data, Split, Quick, TorchSharp.torch.CPU, directory: _dir).Trained.Model.Dispose();
        string path = ModelCache.PathFor(Quick, Data, Split.Settings, TorchSharp.torch.CPU, _dir);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var again = ModelCache.GetOrTrain(Data, Split, Quick, TorchSharp.torch.CPU, directory: _dir);
        using (again.Trained.Model)
        {
            again.FromCache.Should().BeFalse();
            again.Read.Problem.Should().Contain("checksum");
        }
    }

    /// <summary>A valid checkpoint of other settings, placed under this key's name, is not used.</summary>
    [Test]
    public void Checkpoint_of_other_settings_is_not_used()
    {
        var other = Quick with { Seed = 99 };
        ModelCache.GetOrTrain(Data, Split, other, TorchSharp.torch.CPU, directory: _dir).Trained.Model.Dispose();
        File.Copy(ModelCache.PathFor(other, Data, Split.Settings, TorchSharp.torch.CPU, _dir), ModelCache.PathFor(Quick, Data, Split.Settings, TorchSharp.torch.CPU, _dir));

        var result = ModelCache.GetOrTrain(Data, Split, Quick, TorchSharp.torch.CPU, directory: _dir);
        using (result.Trained.Model)
        {
            result.FromCache.Should().BeFalse();
            result.Read.Problem.Should().Contain("key mismatch");
        }
    }

    private static float[] Flat(ITwoTower model) =>
        ((nn.Module)model).state_dict().Values.SelectMany(t => t.detach().contiguous().data<float>().ToArray()).ToArray();
}
