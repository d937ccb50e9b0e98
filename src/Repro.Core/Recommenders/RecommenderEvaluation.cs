using Repro.Data;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>Accuracy of one scorer under both protocols (SPEC §3 "Evaluation").</summary>
/// <param name="HitRate">Paper protocol: HR@K over the full catalogue minus training items, against the hidden positives.</param>
/// <param name="Ndcg">Paper protocol: NDCG@K (binary gain).</param>
/// <param name="LeaveOneOutHitRate">First hidden positive against sampled non-interacted items: HR@K.</param>
/// <param name="LeaveOneOutNdcg">Leave-one-out NDCG@K (one relevant item: 1/log2(rank + 2) when in the top K).</param>
/// <param name="Users">Users evaluated (those with at least one hidden positive).</param>
public sealed record AccuracyResult(double HitRate, double Ndcg, double LeaveOneOutHitRate, double LeaveOneOutNdcg, int Users);

/// <summary>Evaluation settings; defaults are the paper's K = 10 and the literature's 99 sampled negatives.</summary>
/// <param name="K">Cut-off of HR and NDCG.</param>
/// <param name="SampledNegatives">Leave-one-out: negatives drawn per user.</param>
/// <param name="Seed">Seed of the leave-one-out negatives.</param>
/// <param name="UserChunk">Users scored per block (bounds memory).</param>
public sealed record EvaluationSettings(int K = 10, int SampledNegatives = 99, ulong Seed = 42, int UserChunk = 512)
{
    /// <summary>The paper's K = 10 with 99 leave-one-out negatives.</summary>
    public static EvaluationSettings Default { get; } = new();
}

/// <summary>
/// Scores users in blocks and computes (a) the paper protocol: rank every item except the user's training items,
/// HR@10 / NDCG@10 against the hidden positives; (b) leave-one-out: the first hidden positive against 99 seeded
/// non-interacted items. Any scorer works: a two-tower model, the popularity ranker, an SAE-reconstructed model.
/// </summary>
public static class RecommenderEvaluation
{
    /// <summary>Evaluates a trained model with its own vectors.</summary>
    public static AccuracyResult Evaluate(ITwoTower model, RecDataset data, Split split, EvaluationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Evaluate(model.ScoreAllItems, data, split, settings);
    }

    /// <summary>Evaluates any scorer: user indices → logits (or any monotone scores) [B, items].</summary>
    public static AccuracyResult Evaluate(Func<long[], Tensor> scoreUsers, RecDataset data, Split split, EvaluationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(scoreUsers);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        settings ??= EvaluationSettings.Default;
        int k = settings.K;
        int[] users = Enumerable.Range(0, data.UserCount).Where(u => split.TestPositives[u].Length > 0).ToArray();
        int[][] candidates = LeaveOneOutCandidates(data, split, users, settings);
        int width = candidates.Length == 0 ? 0 : candidates[0].Length;
        double hr = 0, ndcg = 0, looHr = 0, looNdcg = 0;
        // Every user's leave-one-out candidates, made once on the scores' device (known from the first block).
        Tensor? onDevice = null;
        try
        {
            for (int start = 0; start < users.Length; start += settings.UserChunk)
            {
                int len = Math.Min(settings.UserChunk, users.Length - start);
                long[] ids = users.Skip(start).Take(len).Select(u => (long)u).ToArray();
                int[][] tops;
                float[] candidateScores;
                using (var scope = NewDisposeScope())
                using (no_grad())
                {
                    // Only each user's top K and the candidates' scores come back to the host, not the [B, C] block.
                    Tensor logits = scoreUsers(ids);
                    onDevice ??= tensor(candidates.SelectMany(c => c.Select(i => (long)i)).ToArray(), device: logits.device)
                        .reshape(users.Length, width).DetachFromDisposeScope();
                    tops = Ranking.TopK(logits, k, ids.Select(u => split.TrainItems[u]).ToArray());
                    candidateScores = MatrixFactorization.Floats(logits.gather(1, onDevice.narrow(0, start, len)));
                }
                for (int j = 0; j < len; j++)
                {
                    int u = users[start + j];
                    var hidden = new HashSet<int>(split.TestPositives[u]);
                    hr += HitRate.AtK(tops[j], hidden, k);
                    ndcg += Ndcg.AtK(tops[j], hidden, k);

                    int rank = Ranking.RankAmong(candidateScores.AsSpan(j * width, width), candidates[start + j], split.TestPositives[u][0]);
                    if (rank < k)
                    {
                        looHr += 1;
                        looNdcg += 1.0 / Math.Log2(rank + 2);
                    }
                }
            }
        }
        finally
        {
            onDevice?.Dispose();
        }
        int n = Math.Max(1, users.Length);
        return new AccuracyResult(hr / n, ndcg / n, looHr / n, looNdcg / n, users.Length);
    }

    // Per evaluated user: the first hidden positive followed by its sampled never-interacted items, padded with the
    // hidden positive to one width (a user with fewer available items gets fewer negatives).
    private static int[][] LeaveOneOutCandidates(RecDataset data, Split split, int[] users, EvaluationSettings settings)
    {
        var rng = SeededRandom.For(settings.Seed, "leave-one-out-negatives");
        var lists = new List<int>[users.Length];
        for (int j = 0; j < users.Length; j++)
        {
            int u = users[j];
            int available = data.ItemCount - data.UserItems[u].Length;
            int want = Math.Min(settings.SampledNegatives, available);
            var chosen = new HashSet<int>();
            var list = new List<int>(want + 1) { split.TestPositives[u][0] };
            while (chosen.Count < want)
            {
                int i = rng.NextInt(data.ItemCount);
                if (!split.Interacted(u, i) && chosen.Add(i))
                {
                    list.Add(i);
                }
            }
            lists[j] = list;
        }
        int width = lists.Length == 0 ? 0 : lists.Max(l => l.Count);
        return [.. lists.Select(l => l.Concat(Enumerable.Repeat(l[0], width - l.Count)).ToArray())];
    }
}
