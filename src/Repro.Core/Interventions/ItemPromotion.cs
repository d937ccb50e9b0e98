using Repro.Analysis;
using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Interventions;

/// <summary>Settings of the item-promotion experiment; <see cref="Paper"/> is the paper's.</summary>
/// <param name="Values">Absolute values written into the item's concept latent, ascending.</param>
/// <param name="AudienceSize">How many of the concept's strongest fans (by interaction share) are the audience.</param>
/// <param name="TopN">A user is exposed when the item ranks within this many.</param>
/// <param name="VisibleRank">Users for whom the item already ranks within this many at v = 0 are not counted.</param>
/// <param name="SideEffectUsers">Size of the seeded sample of SAE-test users outside the audience for the RBO_ext side effect.</param>
/// <param name="RboP">Persistence p of RBO_ext.</param>
/// <param name="Seed">Seed of the side-effect sample.</param>
public sealed record PromotionSettings(
    IReadOnlyList<double> Values,
    int AudienceSize = 20,
    int TopN = LatentIntervention.TopN,
    int VisibleRank = 20,
    int SideEffectUsers = 200,
    double RboP = 0.9,
    ulong Seed = 42)
{
    /// <summary>v ∈ {0, …, 5}, 20 users, exposure = from rank &gt; 20 at v = 0 to rank ≤ 30; 200 side-effect users.</summary>
    public static PromotionSettings Paper { get; } = new([0, 1, 2, 3, 4, 5]);
}

/// <summary>One promoted item's series.</summary>
/// <param name="Item">Dense item index.</param>
/// <param name="Label">Item label (title, artist).</param>
/// <param name="Source"><see cref="ItemPromotion.RuleSource"/> (chosen by <see cref="ItemPromotion.ChooseItem"/>) or <see cref="ItemPromotion.GivenSource"/>.</param>
/// <param name="EligibleUsers">Audience users with rank &gt; VisibleRank at v = 0, "edit only" (the exposure denominator).</param>
/// <param name="Exposure">Exposure per v, "edit only" (the claims' protocol), with its no-edit baseline; Orig = the same share for the unedited item.</param>
/// <param name="SideEffectRbo">Mean RBO_ext between the original and the edited top N of users outside the audience ("edit only"; NaN when no SAE-test user is outside the audience).</param>
public sealed record PromotedItem(int Item, string Label, string Source, int EligibleUsers, InterventionRow Exposure, InterventionRow SideEffectRbo)
{
    /// <summary>The exposure under the model's other protocols (the notebook protocol on NCF), each with its own eligible users and no-edit baseline.</summary>
    public IReadOnlyList<InterventionRow> OtherProtocols { get; init; } = [];
}

/// <summary>Result of an item-promotion run.</summary>
/// <param name="ModelKind">The recommender.</param>
/// <param name="Concept">The concept whose latent is written into the items (and whose fans are the audience).</param>
/// <param name="Grid">The values v, in run order.</param>
/// <param name="Items">One entry per promoted item (the rule's choice first, when one exists).</param>
/// <param name="Audience">The concept's fans (dense indices, ascending).</param>
/// <param name="SideEffectSample">The users outside the audience the side effect averages over (empty: not measured).</param>
public sealed record PromotionResult(Recommenders.RecommenderKind ModelKind, string Concept, IReadOnlyList<double> Grid, IReadOnlyList<PromotedItem> Items, IReadOnlyList<int> Audience, IReadOnlyList<int> SideEffectSample)
{
    /// <summary>How the edited latent was chosen (the item-purity pick); null when the caller gave the latent.</summary>
    public LatentChoice? Choice { get; init; }
}

/// <summary>
/// Item promotion (SPEC §6): an item that does not carry concept c gets c's latent overwritten with rising
/// values; exposure is the share of c's fans, who did not see the item in their top 20 at v = 0, that now find
/// it in their top 30. The side effect is measured on users outside the audience.
/// </summary>
public static class ItemPromotion
{
    /// <summary>The <see cref="PromotedItem.Source"/> of the item <see cref="ChooseItem"/> picked.</summary>
    public const string RuleSource = "rule";

    /// <summary>The <see cref="PromotedItem.Source"/> of an item the caller named (the paper's "Alice in Wonderland").</summary>
    public const string GivenSource = "given";

    /// <summary>
    /// Runs the experiment for the rule's item (if any qualifies) and for each of <paramref name="givenItems"/>
    /// (e.g. the paper's "Alice in Wonderland", found with <see cref="ItemByExternalId"/>), under each of
    /// <paramref name="protocols"/> (default "edit only"; the first is each item's <see cref="PromotedItem.Exposure"/>
    /// and the side effect's). The item is chosen, and the side effect measured, "edit only".
    /// </summary>
    public static PromotionResult Run(LatentIntervention intervention, RecDataset data, Split split, ConceptTable concepts, int concept, int latent, IReadOnlyList<int>? givenItems = null, PromotionSettings? settings = null, IReadOnlyList<InterventionProtocol>? protocols = null)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(concepts);
        settings ??= PromotionSettings.Paper;
        protocols ??= [InterventionProtocol.EditOnly];
        if (protocols.Count == 0)
        {
            throw new ArgumentException("At least one protocol.", nameof(protocols));
        }
        int[] audience = InterventionAudience.TopShare(data, split.SaeTestUsers, concepts, concept, settings.AudienceSize);
        var audienceSet = audience.ToHashSet();
        int[] outside = split.SaeTestUsers.Where(u => !audienceSet.Contains(u)).ToArray();
        SeededRandom.For(settings.Seed, "promotion-side-effect").Shuffle(outside.AsSpan());
        int[] sample = outside.Take(settings.SideEffectUsers).Order().ToArray();

        var items = new List<(int Item, string Source)>();
        int? chosen = ChooseItem(intervention, data, concepts, concept, latent, audience, settings.VisibleRank);
        if (chosen is int c)
        {
            items.Add((c, RuleSource));
        }
        foreach (int g in givenItems ?? [])
        {
            items.Add((g, GivenSource));
        }

        using var scope = NewDisposeScope();
        Tensor audienceBase = intervention.OriginalLogits(audience);
        Tensor[] protocolBases = [.. protocols.Select(p => p.ReconstructsTheOtherSide(intervention.Model.Kind) ? intervention.ItemBaseLogits(audience, p) : audienceBase)];
        // No SAE-test user outside the audience (a small folder): the side effect is not measured (NaN), the exposure is.
        Tensor? sampleBase = sample.Length == 0 ? null : intervention.OriginalLogits(sample);
        // One sort of the outsiders' original scores; each edit then only moves one item (see TopAfterItemEdit).
        int[][] sampleDeep = sampleBase is null ? [] : Ranking.TopK(sampleBase, settings.TopN + 1);
        float[][] sampleDeepScores = sampleBase is null ? [] : ScoresAt(sampleBase, sampleDeep);
        int[][] sampleOld = sampleDeep.Select(l => l.Take(settings.TopN).ToArray()).ToArray();
        var results = new List<PromotedItem>();
        foreach (var (item, source) in items)
        {
            string label = string.Create(CultureInfo.InvariantCulture, $"{concepts.Names[concept]}: {data.ItemLabels[item]} (#{data.ItemExternalIds[item]})");
            int[] rankOrig = LatentIntervention.RankOf(audienceBase, item);
            var exposures = new List<(InterventionRow Row, int Eligible)>();
            for (int p = 0; p < protocols.Count; p++)
            {
                exposures.Add(ExposureRow(intervention, audience, item, latent, protocols[p], protocolBases[p], rankOrig, source, label, settings));
            }
            var rbo = new double[settings.Values.Count];
            for (int k = 0; k < rbo.Length; k++)
            {
                if (sampleBase is null)
                {
                    rbo[k] = double.NaN;
                    continue;
                }
                using var step = NewDisposeScope();
                float[] column = intervention.ItemEditLogits(sample, item, latent, settings.Values[k], sampleBase).narrow(1, item, 1).contiguous().cpu().data<float>().ToArray();
                int[][] sampleNew = TopAfterItemEdit(sampleDeep, sampleDeepScores, item, column, settings.TopN);
                rbo[k] = MeanRboExt(sampleOld, sampleNew, settings.RboP);
            }
            results.Add(new PromotedItem(
                item, data.ItemLabels[item], source, exposures[0].Eligible, exposures[0].Row,
                new InterventionRow("promotion side-effect RBO_ext (" + source + ")", label, latent, sample.Length, MeanRboExt(sampleOld, sampleOld, settings.RboP), rbo))
            {
                OtherProtocols = [.. exposures.Skip(1).Select(e => e.Row)],
            });
        }
        return new PromotionResult(intervention.Model.Kind, concepts.Names[concept], settings.Values.ToArray(), results, audience, sample);
    }

    // One item's exposure under one protocol: eligibility from its own v = 0 ranks, Orig from the unedited model, the
    // no-edit baseline from the protocol's SAE passes (the notebook base already holds the item's reconstruction).
    private static (InterventionRow Row, int Eligible) ExposureRow(LatentIntervention intervention, int[] audience, int item, int latent, InterventionProtocol protocol,
        Tensor baseLogits, int[] rankOrig, string source, string label, PromotionSettings settings)
    {
        int[] rankZero = RanksAt(intervention, audience, item, latent, 0, baseLogits);
        bool[] eligible = rankZero.Select(r => r > settings.VisibleRank).ToArray();
        int eligibleCount = eligible.Count(e => e);

        double Exposure(int[] ranks) => eligibleCount == 0
            ? double.NaN
            : (double)Enumerable.Range(0, ranks.Length).Count(k => eligible[k] && ranks[k] <= settings.TopN) / eligibleCount;

        int[] noEdit = protocol.ReconstructsTheOtherSide(intervention.Model.Kind)
            ? LatentIntervention.RankOf(baseLogits, item)
            : RanksAt(intervention, audience, item, latent, null, baseLogits);
        var exposure = settings.Values.Select(v => Exposure(RanksAt(intervention, audience, item, latent, v, baseLogits))).ToArray();
        var row = new InterventionRow("promotion exposure (" + source + ")", label, latent, eligibleCount, Exposure(rankOrig), exposure)
        {
            Protocol = protocol,
            NoEdit = Exposure(noEdit),
        };
        return (row, eligibleCount);
    }

    /// <summary>
    /// The rule's item: the most popular item (lowest popularity rank) that does not carry the concept, that no
    /// audience member interacted with, and that ranks below <paramref name="visibleRank"/> for EVERY audience
    /// member when its concept latent is set to 0. Null when no item qualifies.
    /// </summary>
    public static int? ChooseItem(LatentIntervention intervention, RecDataset data, ConceptTable concepts, int concept, int latent, IReadOnlyList<int> audience, int visibleRank = 20)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(audience);
        int[] users = audience.ToArray();
        int[] candidates = Enumerable.Range(0, data.ItemCount)
            .Where(i => !concepts.Has(i, concept) && users.All(u => Array.BinarySearch(data.UserItems[u], i) < 0))
            .OrderBy(i => data.PopularityRank[i])
            .ToArray();
        if (candidates.Length == 0 || users.Length == 0)
        {
            return null;
        }

        using var scope = NewDisposeScope();
        int items = data.ItemCount;
        float[] baseScores = intervention.OriginalLogits(users).cpu().contiguous().data<float>().ToArray();
        var device = intervention.Model.ItemVectors.device;
        Tensor uIdx = tensor(users.Select(u => (long)u).ToArray(), device: device);
        Tensor uVec = intervention.Model.UserVectors.index_select(0, uIdx);
        const int chunk = 256;
        for (int start = 0; start < candidates.Length; start += chunk)
        {
            using var step = NewDisposeScope();
            int[] batch = candidates.Skip(start).Take(chunk).ToArray();
            Tensor iIdx = tensor(batch.Select(i => (long)i).ToArray(), device: device);
            // All candidates of a chunk are edited and scored in one call; each is ranked against the other items'
            // ORIGINAL scores, exactly as if it alone had been edited (a pair's score depends on its vectors only).
            Tensor edited = intervention.Edit(intervention.Model.ItemVectors.index_select(0, iIdx), latent, 0);
            float[] col = ScoreWithoutGrad(() => intervention.Model.BlockLogits(uIdx, uVec, iIdx, edited)).cpu().contiguous().data<float>().ToArray();
            for (int b = 0; b < batch.Length; b++)
            {
                bool hiddenForAll = true;
                for (int a = 0; a < users.Length && hiddenForAll; a++)
                {
                    hiddenForAll = 1 + Ranking.RankWithScore(baseScores.AsSpan(a * items, items), batch[b], col[(a * batch.Length) + b]) > visibleRank;
                }
                if (hiddenForAll)
                {
                    return batch[b];
                }
            }
        }
        return null;
    }

    /// <summary>Dense index of an item by its external id (ML-1M MovieID); -1 when absent.</summary>
    public static int ItemByExternalId(RecDataset data, int externalId)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Array.IndexOf(data.ItemExternalIds, externalId);
    }

    private static Tensor ScoreWithoutGrad(Func<Tensor> f)
    {
        using var _ = no_grad();
        return f();
    }

    private static int[] RanksAt(LatentIntervention intervention, int[] users, int item, int latent, double? value, Tensor baseLogits)
    {
        using var scope = NewDisposeScope();
        return LatentIntervention.RankOf(intervention.ItemEditLogits(users, item, latent, value, baseLogits), item);
    }

    // Each row's scores at its listed items, gathered where the scores live (short lists padded with item 0, then cut).
    private static float[][] ScoresAt(Tensor logits, int[][] lists)
    {
        int width = lists.Length == 0 ? 0 : lists.Max(l => l.Length);
        if (width == 0)
        {
            return [.. lists.Select(_ => Array.Empty<float>())];
        }
        using var scope = NewDisposeScope();
        long[] flat = new long[lists.Length * width];
        for (int r = 0; r < lists.Length; r++)
        {
            for (int j = 0; j < lists[r].Length; j++)
            {
                flat[(r * width) + j] = lists[r][j];
            }
        }
        Tensor index = tensor(flat, device: logits.device).reshape(lists.Length, width);
        float[] picked = logits.detach().gather(1, index).cpu().data<float>().ToArray();
        return [.. lists.Select((l, r) => picked.AsSpan(r * width, l.Length).ToArray())];
    }

    /// <summary>
    /// The top <paramref name="k"/> after ONE item's score changed, from each row's original top k + 1 (items and
    /// scores, in <see cref="Ranking"/> order): drop the item, insert it at its new score with
    /// the same tie rule (equal scores: lower index first), cut to k. Exact, because every other item keeps its
    /// original score bit for bit, and k + 1 original entries always leave k after the removal.
    /// </summary>
    internal static int[][] TopAfterItemEdit(int[][] deep, float[][] deepScores, int item, float[] newScores, int k)
    {
        var result = new int[deep.Length][];
        for (int r = 0; r < deep.Length; r++)
        {
            var list = new List<int>(k + 1);
            float s = newScores[r];
            bool placed = false;
            for (int t = 0; t < deep[r].Length && list.Count < k; t++)
            {
                int other = deep[r][t];
                if (other == item)
                {
                    continue;
                }
                float o = deepScores[r][t];
                if (!placed && (s > o || (s == o && item < other)))
                {
                    list.Add(item);
                    placed = true;
                    if (list.Count == k)
                    {
                        break;
                    }
                }
                list.Add(other);
            }
            if (!placed && list.Count < k)
            {
                list.Add(item);
            }
            result[r] = list.ToArray();
        }
        return result;
    }

    private static double MeanRboExt(int[][] a, int[][] b, double p)
    {
        if (a.Length == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        for (int u = 0; u < a.Length; u++)
        {
            sum += RankBiasedOverlap.Extrapolated(a[u], b[u], p);
        }
        return sum / a.Length;
    }
}
