using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Tests.TestDoubles;

namespace Repro.Tests.SparseAutoencoders;

/// <summary>A sweep as one SAE of several members: every member exactly as trained alone, one shape enforced, progress and guard per member.</summary>
public class SaeSweepTrainerTests
{
    private static readonly RecDataset Data = SyntheticDataset.Generate();
    private static readonly Split Split = Split.Create(Data, new SplitSettings());

    // As in SaeTrainerTests: small batches so the 480 synthetic training users make several steps per pass.
    private static readonly SaeSettings Quick = SaeSettings.Ml1mMf with { Latents = 12, Steps = 60, UserBatch = 128, ItemBatch = 128, PairsPerStep = 128, Schedule = SaeSchedule.Auto };

    private static ITwoTower Model(RecommenderKind kind) => kind == RecommenderKind.MF
        ? DotTwoTower.Random(Data.UserCount, Data.ItemCount, 8, 11)
        : new MlpTwoTower(Data.UserCount, Data.ItemCount, 8, 11);

    private static SaeSettings Baseline(RecommenderKind kind, SaeVariant variant)
    {
        var weights = kind == RecommenderKind.MF ? Quick : Quick with { EmbeddingWeight = 2, PredictionWeight = 10, KlWeight = 0.07 };
        return variant switch
        {
            SaeVariant.TopK => weights with { Variant = SaeVariant.TopK, TopK = 3 },
            SaeVariant.Matryoshka => weights with { Latents = 16, Variant = SaeVariant.Matryoshka },
            _ => weights,
        };
    }

    // A λ_pred grid with a switched-off prediction term (left out of the sum), plus one entry moving the other weights.
    private static SaeSettings[] Sweep(SaeSettings baseline) =>
    [
        baseline with { PredictionWeight = 0 },
        baseline with { PredictionWeight = 1 },
        baseline with { PredictionWeight = 10 },
        baseline with { EmbeddingWeight = 0.5, L1Weight = 0.01, KlWeight = 0 },
    ];

    /// <summary>
    /// Each member of a sweep, trained as one SAE of four members (stacked weights, batched products, one objective), has
    /// bit-identical weights to the same settings trained alone, for every variant.
    /// </summary>
    [TestCase(RecommenderKind.MF, SaeVariant.Plain)]
    [TestCase(RecommenderKind.NCF, SaeVariant.Plain)]
    [TestCase(RecommenderKind.MF, SaeVariant.TopK)]
    [TestCase(RecommenderKind.NCF, SaeVariant.TopK)]
    [TestCase(RecommenderKind.MF, SaeVariant.Matryoshka)]
    [TestCase(RecommenderKind.NCF, SaeVariant.Matryoshka)]
    public void Each_sae_of_a_sweep_is_bit_identical_to_training_it_alone(RecommenderKind kind, SaeVariant variant)
    {
        using var model = Model(kind);
        var sweep = Sweep(Baseline(kind, variant));
        var together = SaeTrainer.Train(model, Split, sweep, seed: 3);
        try
        {
            for (int s = 0; s < sweep.Length; s++)
            {
                using var alone = SaeTrainer.Train(model, Split, sweep[s], seed: 3);
                WeightHash.Of(together[s].parameters()).Should().Be(WeightHash.Of(alone.parameters()), $"sweep member {s} ({sweep[s].Describe()})");
            }
        }
        finally
        {
            foreach (var sae in together)
            {
                sae.Dispose();
            }
        }
    }

    /// <summary>Every SAE's progress arrives at the same steps with the same chunk means as when it trains alone.</summary>
    [Test]
    public void Progress_per_sae_matches_training_it_alone()
    {
        using var model = Model(RecommenderKind.MF);
        var sweep = Sweep(Quick with { Steps = 120 });
        var seen = sweep.Select(_ => new List<SaeProgress>()).ToArray();
        var together = SaeTrainer.Train(model, Split, sweep, seed: 1, (s, p) => seen[s].Add(p));
        foreach (var sae in together)
        {
            sae.Dispose();
        }
        for (int s = 0; s < sweep.Length; s++)
        {
            var alone = new List<SaeProgress>();
            using var sae = SaeTrainer.Train(model, Split, sweep[s], seed: 1, alone.Add);
            seen[s].Select(p => p.Step).Should().Equal(50, 100, 120);
            seen[s].Should().Equal(alone);
        }
    }

    /// <summary>Settings that differ beyond the four loss weights are refused with the first differing field named; a differing name is not.</summary>
    [Test]
    public void Settings_differing_beyond_the_loss_weights_name_the_field()
    {
        var latents = () => SaeTrainer.RequireSweepable([Quick, Quick with { PredictionWeight = 5 }, Quick with { Latents = 16, Steps = 10 }]);
        latents.Should().Throw<ArgumentException>().WithMessage("*settings 2 has Latents = 16 where settings 0 has 12*");
        var topK = () => SaeTrainer.RequireSweepable([Quick, Quick with { Variant = SaeVariant.TopK, TopK = 3 }]);
        topK.Should().Throw<ArgumentException>().WithMessage("*settings 1 has Variant = TopK where settings 0 has Plain*");
        var empty = () => SaeTrainer.RequireSweepable([]);
        empty.Should().Throw<ArgumentException>().WithMessage("*at least one*");
        var weightsAndName = () => SaeTrainer.RequireSweepable([Quick, Quick with { EmbeddingWeight = 3, PredictionWeight = 0, L1Weight = 1, KlWeight = 0, Name = "λ_pred = 0" }]);
        weightsAndName.Should().NotThrow();
    }

    /// <summary>A diverging SAE stops the sweep with that SAE, the term and the steps named, not its finite neighbour.</summary>
    [Test]
    public void Non_finite_loss_names_the_diverging_sae()
    {
        using var model = Model(RecommenderKind.MF);
        // 3e38·L_pred overflows float32 to ∞ once L_pred > 1.2; the λ_pred = 1 member stays finite.
        var act = () => SaeTrainer.Train(model, Split, [Quick, Quick with { PredictionWeight = 3e38 }], seed: 1);
        act.Should().Throw<InvalidOperationException>().WithMessage("*total loss of sweep member 1 (*λ_pred=3E+38*) is Infinity in steps 1–50*");
    }
}
