using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Tests.Recommenders;

/// <summary>MF and NCF on the planted synthetic set: they learn, they are deterministic, their score function is frozen.</summary>
public class RecommenderTrainingTests
{
    private static RecDataset Data => SyntheticRecommenders.Data;

    private static Split Split => SyntheticRecommenders.Split;

    /// <summary>
    /// Both models beat popularity on both protocols by a clear margin. The planted users choose items 12× more
    /// often from their one or two genres, so a model that learns genres should gain at least 0.05 HR and 10 %
    /// relative NDCG over a ranker that knows only the planted popularity (which is itself a strong signal here).
    /// </summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Model_beats_popularity_on_both_protocols(RecommenderKind kind)
    {
        var model = RecommenderEvaluation.Evaluate(SyntheticRecommenders.Get(kind).Model, Data, Split);
        var pop = RecommenderEvaluation.Evaluate(PopularityRanker.Scorer(Split, Data.ItemCount), Data, Split);
        TestContext.Out.WriteLine($"{kind}: {model}\npopularity: {pop}");
        model.HitRate.Should().BeGreaterThan(pop.HitRate + 0.05);
        model.Ndcg.Should().BeGreaterThan(pop.Ndcg * 1.1);
        model.LeaveOneOutHitRate.Should().BeGreaterThan(pop.LeaveOneOutHitRate + 0.05);
        model.LeaveOneOutNdcg.Should().BeGreaterThan(pop.LeaveOneOutNdcg * 1.1);
    }

    /// <summary>
    /// Each user's top 10 (training items excluded) carries the user's most frequent training genre far more
    /// often than that genre's share of the catalogue: the planted preference is recovered.
    /// </summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Top_ten_is_dominated_by_the_users_favourite_genre(RecommenderKind kind)
    {
        var genres = Data.Concepts;
        int[] users = Enumerable.Range(0, Data.UserCount).ToArray();
        var top = Ranking.TopKForUsers(SyntheticRecommenders.Get(kind).Model, users, 10, Split.TrainItems);
        double share = 0, chance = 0;
        foreach (int u in users)
        {
            int favourite = Enumerable.Range(0, genres.Count)
                .OrderByDescending(g => Split.TrainItems[u].Count(i => genres.Has(i, g))).ThenBy(g => g).First();
            share += top[u].Count(i => genres.Has(i, favourite)) / 10.0;
            chance += genres.BaseRate(favourite);
        }
        share /= users.Length;
        chance /= users.Length;
        TestContext.Out.WriteLine($"{kind}: favourite-genre share of top 10 = {share:F3}, catalogue share = {chance:F3}");
        share.Should().BeGreaterThan(2.5 * chance);
    }

    /// <summary>The mean training loss falls from the first epoch to the last, for both models.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Training_loss_decreases(RecommenderKind kind)
    {
        var losses = SyntheticRecommenders.Get(kind).EpochLosses;
        TestContext.Out.WriteLine(string.Join(", ", losses.Select(l => l.ToString("F4", System.Globalization.CultureInfo.InvariantCulture))));
        losses[^1].Should().BeLessThan(0.8 * losses[0]);
        losses.Should().OnlyContain(l => double.IsFinite(l));
    }

    /// <summary>Two trainings with the same seed give bit-identical weights and losses.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Same_seed_gives_bit_identical_weights(RecommenderKind kind)
    {
        var settings = (kind == RecommenderKind.MF ? RecommenderSettings.SyntheticMf : RecommenderSettings.SyntheticNcf) with { Epochs = 1 };
        var a = RecommenderTrainer.Train(Data, Split, settings, TorchSharp.torch.CPU);
        var b = RecommenderTrainer.Train(Data, Split, settings, TorchSharp.torch.CPU);
        var c = RecommenderTrainer.Train(Data, Split, settings with { Seed = settings.Seed + 1 }, TorchSharp.torch.CPU);
        using (a.Model)
        using (b.Model)
        using (c.Model)
        {
            a.EpochLosses.Should().Equal(b.EpochLosses);
            var sa = States(a.Model);
            var sb = States(b.Model);
            foreach (var key in sa.Keys)
            {
                sa[key].Should().Equal(sb[key], $"tensor {key} must be bit-identical");
            }
            States(c.Model)[sa.Keys.First()].Should().NotEqual(sa[sa.Keys.First()], "another seed must give other weights");
        }
    }

    /// <summary>
    /// Gradients of block and pair logits reach the vectors passed in, while every recommender parameter stays
    /// unchanged and gradient-free.
    /// </summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Frozen_score_function_passes_gradients_to_inputs_only(RecommenderKind kind)
    {
        var model = SyntheticRecommenders.Get(kind).Model;
        var before = States(model);
        using var scope = NewDisposeScope();
        var userIdx = tensor(new long[] { 0, 5, 9 });
        var itemIdx = tensor(new long[] { 1, 2, 3 });
        var u = model.UserVectors.index_select(0, userIdx).detach().clone().requires_grad_(true);
        var i = model.ItemVectors.index_select(0, itemIdx).detach().clone().requires_grad_(true);
        var loss = model.BlockLogits(userIdx, u, itemIdx, i).pow(Repro.Scalars.Two).sum().add(model.PairLogits(userIdx, u, itemIdx, i).sum(), Repro.Scalars.One);
        loss.backward();
        u.grad.Should().NotBeNull();
        i.grad.Should().NotBeNull();
        u.grad!.abs().sum().item<float>().Should().BeGreaterThan(0);
        i.grad!.abs().sum().item<float>().Should().BeGreaterThan(0);
        foreach (var p in ((nn.Module)model).parameters())
        {
            p.requires_grad.Should().BeFalse();
            p.grad.Should().BeNull();
        }
        var after = States(model);
        foreach (var key in before.Keys)
        {
            after[key].Should().Equal(before[key]);
        }
    }

    /// <summary>The block form (split first layer for NCF) agrees with the pair form on every cell.</summary>
    [TestCase(RecommenderKind.MF)]
    [TestCase(RecommenderKind.NCF)]
    public void Block_logits_agree_with_pair_logits(RecommenderKind kind)
    {
        var model = SyntheticRecommenders.Get(kind).Model;
        using var scope = NewDisposeScope();
        var users = tensor(new long[] { 3, 4, 7 });
        var items = Indices.Range(Data.ItemCount);
        var block = model.BlockLogits(users, model.UserVectors.index_select(0, users), items, model.ItemVectors);
        var pu = users.repeat_interleave(Data.ItemCount);
        var pi = items.repeat(3);
        var pair = model.PairLogits(pu, model.UserVectors.index_select(0, pu), pi, model.ItemVectors.index_select(0, pi)).reshape(3, Data.ItemCount);
        (block - pair).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    /// <summary>An absurd MF step size makes the weights overflow, and training stops naming the epoch and step.</summary>
    [Test]
    public void Non_finite_loss_stops_training_with_epoch_and_step()
    {
        var settings = RecommenderSettings.SyntheticMf with { LearningRate = 1e4, Epochs = 3 };
        var act = () => RecommenderTrainer.Train(Data, Split, settings, TorchSharp.torch.CPU);
        act.Should().Throw<NonFiniteTrainingException>().WithMessage("*epoch 0, step *");
    }

    private static Dictionary<string, float[]> States(ITwoTower model) =>
        ((nn.Module)model).state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().contiguous().data<float>().ToArray());
}
