using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Tests.TestDoubles;

namespace Repro.Tests.Identity;

/// <summary>
/// Every trainer's output is pinned to its version: a checkpoint is reused when its key matches, and the key holds the
/// trainer's version, so a change that moves the weights without a version bump would silently reuse stale models. Each
/// case trains a small model on the planted set (SAEs on seeded stand-in recommenders, so an SAE case moves only with the
/// SAE trainer) and compares a hash of its weights with the golden one recorded beside its trainer's version.
/// </summary>
[TestFixture]
public sealed class GoldenWeightsTests
{
    private static readonly RecDataset Data = SyntheticDataset.Generate();
    private static readonly Split Split = Split.Create(Data, new SplitSettings());
    private static readonly SaeSettings Sae = SaeSettings.Ml1mMf with { Latents = 12, Steps = 40, UserBatch = 128, ItemBatch = 128, PairsPerStep = 128, Schedule = SaeSchedule.Auto };

    // (case, the trainer version the hash belongs to, SHA-256 of the trained weights' bytes). Update a row only together
    // with its trainer's Version constant, after checking that the change in the weights is the one you meant.
    private static readonly Dictionary<string, (string Version, string Hash)> Golden = new()
    {
        ["recommender MF"] = ("recommender-trainer-2", "9C2925E955B505601594601A580C3E588318E6BEE978F646DCDCB7945BF24CF1"),
        ["recommender NCF"] = ("recommender-trainer-2", "E98AAB7A6AF3DEA35EA63BDD06432BC244FB18C3E50F09B1D11282F16BC9C7D5"),
        ["SAE MF plain"] = ("sae-trainer-4", "1F7C286304B619E7CB2594C6825CA9B2ECECCD9D0FFAE6C5DB1D2DC0BD136191"),
        ["SAE NCF plain"] = ("sae-trainer-4", "5F27F9D2E6D2EB66E967B47C003CDCCED9FEA69598FA57392098EE301C62483E"),
        ["SAE MF Top-K"] = ("sae-trainer-4", "B6F43AF3BC4792722F68991986484E90B3E84A8183AC8741125B926A1B5287CE"),
        ["SAE NCF Matryoshka"] = ("sae-trainer-4", "84CF179AD3EF8EE8ED4B814443C711AB6CE1AB4B214527BDE7AFFF9A8B5A9686"),
    };

    private static string[] Cases() => [.. Golden.Keys];

    /// <summary>A trainer's weights change only together with its version (and then this test says what to record).</summary>
    [TestCaseSource(nameof(Cases))]
    public void Training_output_changes_only_with_a_version_bump(string name)
    {
        var (version, golden) = Golden[name];
        bool recommender = name.StartsWith("recommender", StringComparison.Ordinal);
        string constant = recommender ? "RecommenderTrainer.Version" : "SaeTrainer.Version";
        string current = recommender ? RecommenderTrainer.Version : SaeTrainer.Version;
        string actual = Train(name);
        if (current != version)
        {
            Assert.Fail($"{constant} is now '{current}' but the golden weights of '{name}' are of '{version}': check that the change is the one you meant, then record [\"{name}\"] = (\"{current}\", \"{actual}\").");
        }
        actual.Should().Be(golden, $"'{name}' trains other weights than {constant} '{version}' did: a change moved them without a version bump, so old checkpoints would be reused. Bump {constant} and record [\"{name}\"] = (\"<new version>\", \"{actual}\")");
    }

    private static string Train(string name)
    {
        switch (name)
        {
            case "recommender MF":
            {
                using var model = RecommenderTrainer.Train(Data, Split, RecommenderSettings.SyntheticMf with { Epochs = 2 }, TorchSharp.torch.CPU).Model;
                return WeightHash.Of(((TorchSharp.torch.nn.Module)model).parameters());
            }
            case "recommender NCF":
            {
                using var model = RecommenderTrainer.Train(Data, Split, RecommenderSettings.SyntheticNcf with { Epochs = 1 }, TorchSharp.torch.CPU).Model;
                return WeightHash.Of(((TorchSharp.torch.nn.Module)model).parameters());
            }
            default:
            {
                bool ncf = name.Contains("NCF", StringComparison.Ordinal);
                using ITwoTower model = ncf ? new MlpTwoTower(Data.UserCount, Data.ItemCount, 8, 11) : DotTwoTower.Random(Data.UserCount, Data.ItemCount, 8, 11);
                var settings = ncf ? Sae with { EmbeddingWeight = 2, PredictionWeight = 10, KlWeight = 0.07 } : Sae;
                settings = name.EndsWith("Top-K", StringComparison.Ordinal) ? settings.WithTopK(3)
                    : name.EndsWith("Matryoshka", StringComparison.Ordinal) ? settings with { Latents = 16, Variant = SaeVariant.Matryoshka }
                    : settings;
                using var sae = SaeTrainer.Train(model, Split, settings, seed: 3);
                return WeightHash.Of(sae.parameters());
            }
        }
    }
}
