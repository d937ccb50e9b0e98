using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using TorchSharp;
using Repro.Data;

namespace Repro.Tests.Experiments;

/// <summary>
/// One device, passed explicitly: every recommender, SAE and cached model of a session lives on the session's device,
/// and the trainers put every tensor of a step there. On a CPU-only machine this pins what it can: the contract and the
/// device in every key (a GPU run checks the rest).
/// </summary>
[NonParallelizable]
public sealed class DeviceContractTests
{
    private static readonly PaperSetting Cell = PaperSetting.For(DatasetName.Synthetic, RecommenderKind.NCF) with
    {
        Recommender = RecommenderSettings.SyntheticNcf with { Epochs = 1 },
        Sae = PaperSetting.For(DatasetName.Synthetic, RecommenderKind.NCF).Sae with { Steps = 20 },
    };

    /// <summary>Every parameter of the session's recommender and SAE, fresh or loaded from the cache, is on the session's device.</summary>
    [Test]
    public void Every_model_of_a_session_is_on_its_device()
    {
        string cache = Directory.CreateTempSubdirectory("repro-device-").FullName;
        try
        {
            for (int run = 0; run < 2; run++) // trained, then loaded from the cache
            {
                using var session = new ReproductionSession(new SessionOptions(CacheDirectory: cache, Device: torch.CPU), SilentProgress.Instance);
                var model = session.Model(Cell);
                var sae = session.Sae(Cell, Cell.Sae, 42);
                var expected = session.Device.type;
                ModelCache.AsModule(model).parameters().Should().OnlyContain(p => p.device_type == expected);
                sae.parameters().Should().OnlyContain(p => p.device_type == expected);
                model.UserVectors.device_type.Should().Be(expected);
                session.SaeKey(Cell, Cell.Sae, 42).Should().EndWith("device=" + expected);
            }
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    /// <summary>The factory puts an SAE on the device it is given, with the same initial weights as on the CPU.</summary>
    [Test]
    public void Factory_places_the_sae_on_the_given_device()
    {
        using var sae = SparseAutoencoderFactory.Create(RecommenderKind.MF, 8, PaperSetting.SyntheticSae, 3, torch.CPU);
        using var reference = SparseAutoencoderFactory.Create(RecommenderKind.MF, 8, PaperSetting.SyntheticSae, 3);
        sae.parameters().Should().OnlyContain(p => p.device_type == DeviceType.CPU);
        sae.Weight.data<float>().ToArray().Should().Equal(reference.Weight.data<float>().ToArray());
    }
}
