using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>
/// Top-K lists from scores, in one total order: higher score first, ties to the lower item index (torch.topk's
/// tie order is unspecified, and the popularity ranker has many ties). Shared by evaluation, SAE fidelity
/// ("top 30 excluding training items") and interventions ("top 30 over all items").
/// </summary>
public static class Ranking
{
    /// <summary>
    /// Per row of <paramref name="logits"/> ([B, C]), the <paramref name="k"/> best item indices, best first,
    /// skipping the items in <paramref name="exclude"/>[row] (any order) when given. The selection runs where the
    /// scores live and only the [B, k] winners come back to the host; a row whose k-th place ties with an item
    /// left out, or that has fewer than k candidates, is read back whole and ranked on the host, so every row
    /// gets exactly the one total order of <see cref="TopK(ReadOnlySpan{float}, int, int[])"/>.
    /// </summary>
    public static int[][] TopK(Tensor logits, int k, IReadOnlyList<int[]>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (logits.dim() != 2)
        {
            throw new ArgumentException($"Expected [B, C] scores, got [{string.Join(", ", logits.shape)}].", nameof(logits));
        }
        int b = (int)logits.shape[0], c = (int)logits.shape[1];
        if (exclude is not null && exclude.Count != b)
        {
            throw new ArgumentException($"{exclude.Count} exclusion lists for {b} rows.", nameof(exclude));
        }
        var result = new int[b][];
        if (b == 0)
        {
            return result; // TorchSharp cannot read the data of an empty tensor
        }
        if (k == 0 || k > c)
        {
            for (int row = 0; row < b; row++)
            {
                result[row] = k == 0 ? [] : HostRow(logits, row, k, exclude);
            }
            return result;
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor s = logits.detach();
        // Left-out items (NaN scores, exclusions) sink to −∞; a row whose k-th value is −∞ goes to the host.
        s = s.masked_fill(s.isnan(), NegativeInfinity);
        if (exclude is not null && ExcludedPositions(exclude, c) is { Length: > 0 } positions)
        {
            s = s.reshape(-1).index_fill(0, tensor(positions, device: s.device), NegativeInfinity).reshape(b, c);
        }
        var (values, indices) = s.topk(k, dim: 1);
        // Items scoring at least the k-th value: exactly k means no tie crosses the cut, so the set is the order's.
        Tensor atLeast = s.ge(values.narrow(1, k - 1, 1)).sum(1);
        float[] v = MatrixFactorization.Floats(values);
        long[] ix = indices.cpu().data<long>().ToArray();
        long[] n = atLeast.cpu().data<long>().ToArray();
        for (int row = 0; row < b; row++)
        {
            if (float.IsNegativeInfinity(v[(row * k) + k - 1]) || n[row] != k)
            {
                result[row] = HostRow(logits, row, k, exclude);
                continue;
            }
            var best = new (float Score, int Item)[k];
            for (int j = 0; j < k; j++)
            {
                best[j] = (v[(row * k) + j], (int)ix[(row * k) + j]);
            }
            // topk's order among equal scores is unspecified: restore the lower index first.
            Array.Sort(best, static (x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Item.CompareTo(y.Item));
            result[row] = [.. best.Select(p => p.Item)];
        }
        return result;
    }

    // One row read back whole and ranked on the host.
    private static int[] HostRow(Tensor logits, int row, int k, IReadOnlyList<int[]>? exclude)
    {
        using var line = logits.select(0, row);
        return TopK(MatrixFactorization.Floats(line), k, exclude?[row]);
    }

    // Flat positions (row · C + item) of the excluded items that lie in the catalogue.
    private static long[] ExcludedPositions(IReadOnlyList<int[]> exclude, int c)
    {
        var positions = new List<long>();
        for (int row = 0; row < exclude.Count; row++)
        {
            foreach (int i in exclude[row])
            {
                if (i >= 0 && i < c)
                {
                    positions.Add(((long)row * c) + i);
                }
            }
        }
        return [.. positions];
    }

    /// <summary>The <paramref name="k"/> best indices of one score row, best first, skipping <paramref name="exclude"/>.</summary>
    public static int[] TopK(ReadOnlySpan<float> scores, int k, int[]? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0)
        {
            return [];
        }
        HashSet<int>? skip = exclude is { Length: > 0 } ? [.. exclude] : null;
        var bestScore = new float[k];
        var bestItem = new int[k];
        int n = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];
            if (float.IsNaN(s) || (skip is not null && skip.Contains(i)))
            {
                continue;
            }
            // Items arrive in ascending index, so a tie never displaces an earlier (lower-index) item.
            if (n == k && !(s > bestScore[k - 1]))
            {
                continue;
            }
            int pos = n < k ? n : k - 1;
            while (pos > 0 && s > bestScore[pos - 1])
            {
                if (pos < k)
                {
                    bestScore[pos] = bestScore[pos - 1];
                    bestItem[pos] = bestItem[pos - 1];
                }
                pos--;
            }
            bestScore[pos] = s;
            bestItem[pos] = i;
            if (n < k)
            {
                n++;
            }
        }
        return n == k ? bestItem : bestItem[..n];
    }

    /// <summary>
    /// 0-based rank of <paramref name="target"/> among <paramref name="candidates"/> (which include it) under the
    /// same order: the number of candidates with a higher score, or an equal score and a lower index.
    /// <paramref name="candidateScores"/>[j] is the score of <paramref name="candidates"/>[j]; repeats of the target (padding) count for nothing.
    /// </summary>
    public static int RankAmong(ReadOnlySpan<float> candidateScores, IReadOnlyList<int> candidates, int target)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidateScores.Length != candidates.Count)
        {
            throw new ArgumentException($"{candidateScores.Length} scores for {candidates.Count} candidates.", nameof(candidateScores));
        }
        int at = -1;
        for (int j = 0; j < candidates.Count; j++)
        {
            if (candidates[j] == target)
            {
                at = j;
                break;
            }
        }
        if (at < 0)
        {
            throw new ArgumentException($"The target {target} is not among the candidates.", nameof(target));
        }
        float t = candidateScores[at];
        int ahead = 0;
        for (int j = 0; j < candidates.Count; j++)
        {
            if (candidates[j] != target && Ahead(candidateScores[j], candidates[j], t, target))
            {
                ahead++;
            }
        }
        return ahead;
    }

    /// <summary>
    /// 0-based rank <paramref name="item"/> would have over ALL items if its score were <paramref name="score"/>
    /// (every other item keeping its score), under the same order.
    /// </summary>
    public static int RankWithScore(ReadOnlySpan<float> scores, int item, float score)
    {
        int ahead = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (i != item && Ahead(scores[i], i, score, item))
            {
                ahead++;
            }
        }
        return ahead;
    }

    /// <summary>
    /// 0-based rank of <paramref name="item"/> over ALL items in every row of <paramref name="logits"/> ([B, C]),
    /// under the same order: #(higher score) + #(equal score at a lower index).
    /// </summary>
    public static int[] RanksOf(Tensor logits, int item)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.shape[0] == 0)
        {
            return [];
        }
        using var scope = NewDisposeScope();
        // Counted where the scores live; only the [B] ranks come back.
        Tensor s = logits.detach();
        Tensor own = s.narrow(1, item, 1);
        Tensor higher = s.gt(own).sum(1);
        Tensor tiedBefore = item == 0 ? zeros_like(higher) : s.narrow(1, 0, item).eq(own).sum(1);
        long[] r = higher.add(tiedBefore, One).to_type(ScalarType.Int64).cpu().data<long>().ToArray();
        return r.Select(x => (int)x).ToArray();
    }

    // The one total order: a higher score, or an equal score at a lower index, comes first.
    private static bool Ahead(float score, int index, float targetScore, int target) =>
        score > targetScore || (score == targetScore && index < target);

    /// <summary>
    /// The top <paramref name="k"/> of each given user over the whole catalogue with the model's own vectors,
    /// scored in chunks of users; <paramref name="exclude"/> (e.g. each user's training items) is indexed by user.
    /// </summary>
    public static int[][] TopKForUsers(ITwoTower model, IReadOnlyList<int> users, int k, IReadOnlyList<int[]>? exclude = null, int chunk = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(users);
        var result = new int[users.Count][];
        for (int start = 0; start < users.Count; start += chunk)
        {
            int len = Math.Min(chunk, users.Count - start);
            long[] ids = new long[len];
            for (int j = 0; j < len; j++)
            {
                ids[j] = users[start + j];
            }
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor logits = model.ScoreAllItems(ids);
            int[][] top = TopK(logits, k, exclude is null ? null : ids.Select(u => exclude[(int)u]).ToArray());
            Array.Copy(top, 0, result, start, len);
        }
        return result;
    }
}
