using FluentAssertions;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Repro.Tests;

/// <summary>The one checkpoint format loads exactly what it saved, and refuses a damaged, foreign or misshapen file.</summary>
public class CheckpointTests
{
    private string _dir = "";

    private string PathOf => Path.Combine(_dir, "m.model");

    /// <summary>Creates the fresh temporary folder each test works in.</summary>
    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("repro-ckpt-").FullName;

    /// <summary>Removes the temporary folder and everything the test wrote there.</summary>
    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    /// <summary>Weights and numbers come back bit for bit into a differently initialised module of the same shape.</summary>
    [Test]
    public void Round_trip_restores_weights_and_numbers()
    {
        using var saved = Linear(3, 2, seed: 1);
        Checkpoint.Save(PathOf, "k", saved, [1.5, -0.25, double.Epsilon]);
        using var loaded = Linear(3, 2, seed: 2);
        Flat(loaded).Should().NotEqual(Flat(saved), "the two seeds start apart");

        var (_, numbers, reason) = Checkpoint.TryLoad(PathOf, "k", loaded);

        reason.Should().BeEmpty();
        numbers.Should().Equal(1.5, -0.25, double.Epsilon);
        Flat(loaded).Should().Equal(Flat(saved));
    }

    /// <summary>A missing file is reported as "missing" and leaves the module untouched.</summary>
    [Test]
    public void Missing_file_is_reported()
    {
        using var module = Linear(3, 2, seed: 1);
        var before = Flat(module);
        var (status, numbers, _) = Checkpoint.TryLoad(PathOf, "k", module);
        numbers.Should().BeNull();
        status.Should().Be(CheckpointStatus.Missing);
        Flat(module).Should().Equal(before);
    }

    /// <summary>A file cut in half fails its checksum and leaves the module untouched.</summary>
    [Test]
    public void Truncated_file_is_refused()
    {
        using var saved = Linear(3, 2, seed: 1);
        Checkpoint.Save(PathOf, "k", saved, []);
        byte[] bytes = File.ReadAllBytes(PathOf);
        File.WriteAllBytes(PathOf, bytes[..(bytes.Length / 2)]);
        using var module = Linear(3, 2, seed: 2);
        var before = Flat(module);

        var (_, numbers, reason) = Checkpoint.TryLoad(PathOf, "k", module);

        numbers.Should().BeNull();
        reason.Should().Contain("checksum");
        Flat(module).Should().Equal(before);
    }

    /// <summary>A valid file saved under another key is refused.</summary>
    [Test]
    public void Other_key_is_refused()
    {
        using var saved = Linear(3, 2, seed: 1);
        Checkpoint.Save(PathOf, "k", saved, []);
        using var module = Linear(3, 2, seed: 2);

        var (_, numbers, reason) = Checkpoint.TryLoad(PathOf, "k2", module);

        numbers.Should().BeNull();
        reason.Should().Contain("key mismatch");
    }

    /// <summary>A valid file of the same key but another architecture (3×2 versus 4×2 weights) is refused.</summary>
    [Test]
    public void Other_shapes_are_refused()
    {
        using var saved = Linear(3, 2, seed: 1);
        Checkpoint.Save(PathOf, "k", saved, []);
        using var module = Linear(4, 2, seed: 2);

        var (_, numbers, reason) = Checkpoint.TryLoad(PathOf, "k", module);

        numbers.Should().BeNull();
        reason.Should().Contain("shapes");
    }

    private static TorchSharp.Modules.Linear Linear(long inputs, long outputs, long seed)
    {
        manual_seed(seed);
        return nn.Linear(inputs, outputs);
    }

    private static float[] Flat(nn.Module module) =>
        module.state_dict().Values.SelectMany(t => t.detach().contiguous().data<float>().ToArray()).ToArray();
}
