namespace Repro.Data;

/// <summary>Settings of the train/test split (SPEC §2 "Split"); defaults are the paper's.</summary>
/// <param name="Seed">Seed of every draw in the split.</param>
/// <param name="HeldOutPositives">Hidden positives per user.</param>
/// <param name="HeldOutNegatives">Hidden negatives per user.</param>
/// <param name="Alpha">Sampling weight exponent: p_i ∝ exp(α·share_i).</param>
/// <param name="SaeTestFraction">Share of users never seen by SAE training.</param>
public sealed record SplitSettings(ulong Seed = 42, int HeldOutPositives = 5, int HeldOutNegatives = 5, double Alpha = 1.0, double SaeTestFraction = 0.2)
{
    /// <summary>The canonical identity of the split these settings draw, for cache keys (culture-invariant, every field).</summary>
    public string Identity() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"split|seed={Seed}|positives={HeldOutPositives}|negatives={HeldOutNegatives}|α={Alpha:R}|sae-test={SaeTestFraction:R}");
}

/// <summary>One epoch of recommender training pairs: positives plus as many fresh negatives, shuffled.</summary>
public sealed record TrainingSamples(int[] Users, int[] Items, float[] Labels)
{
    /// <summary>Number of (user, item, label) rows.</summary>
    public int Count => Users.Length;
}

/// <summary>
/// The per-user hold-out, the SAE's test users, and the per-epoch negative sampler (SPEC §2).
/// Every draw comes from a <see cref="SeededRandom"/> derived from <see cref="SplitSettings.Seed"/>.
/// </summary>
public sealed class Split
{
    private readonly RecDataset _data;

    private Split(RecDataset data, SplitSettings settings, int[][] train, int[][] testPos, int[][] testNeg, int[] saeTest, int[] saeTrain)
    {
        _data = data;
        Settings = settings;
        TrainItems = train;
        TestPositives = testPos;
        TestNegatives = testNeg;
        SaeTestUsers = saeTest;
        SaeTrainUsers = saeTrain;
    }

    /// <summary>The settings that made this split.</summary>
    public SplitSettings Settings { get; }

    /// <summary>Per user, training positives (sorted).</summary>
    public int[][] TrainItems { get; }

    /// <summary>Per user, the hidden positives in draw order.</summary>
    public int[][] TestPositives { get; }

    /// <summary>Per user, the hidden negatives in draw order.</summary>
    public int[][] TestNegatives { get; }

    /// <summary>Users never seen by SAE training (sorted); fidelity and interventions are measured on them.</summary>
    public int[] SaeTestUsers { get; }

    /// <summary>The other users (sorted): the SAE trains on their embeddings.</summary>
    public int[] SaeTrainUsers { get; }

    /// <summary>Number of training positives over all users.</summary>
    public long TrainPositiveCount => TrainItems.Sum(t => (long)t.Length);

    /// <summary>Whether the user interacted with the item at all (train or hidden positive).</summary>
    public bool Interacted(int user, int item) => Array.BinarySearch(_data.UserItems[user], item) >= 0;

    /// <summary>Draws the split for a dataset.</summary>
    public static Split Create(RecDataset data, SplitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        var rng = SeededRandom.For(settings.Seed, "split");
        int users = data.UserCount, items = data.ItemCount;

        // p_i ∝ exp(α · share_i), share = item count / total interactions (practically uniform, as in the paper).
        double total = Math.Max(1, data.InteractionCount);
        double[] weight = new double[items];
        for (int i = 0; i < items; i++)
        {
            weight[i] = Math.Exp(settings.Alpha * data.ItemPopularity[i] / total);
        }
        double[] cumulative = new double[items];
        double acc = 0;
        for (int i = 0; i < items; i++)
        {
            acc += weight[i];
            cumulative[i] = acc;
        }

        var train = new int[users][];
        var testPos = new int[users][];
        var testNeg = new int[users][];
        // One users × items mask would be 9.5 GB at ML-25M's size: one row, reset after each user, gives the same draws.
        var ex = new bool[items];
        for (int u = 0; u < users; u++)
        {
            int[] mine = data.UserItems[u];
            // Keep at least one training positive for users with very few interactions.
            int hold = Math.Min(settings.HeldOutPositives, Math.Max(0, mine.Length - 1));
            testPos[u] = WeightedWithoutReplacement(mine, weight, hold, rng);
            var held = new HashSet<int>(testPos[u]);
            train[u] = mine.Where(i => !held.Contains(i)).ToArray();

            foreach (int i in mine)
            {
                ex[i] = true;
            }
            int wantNeg = Math.Min(settings.HeldOutNegatives, items - mine.Length);
            var neg = new List<int>(wantNeg);
            while (neg.Count < wantNeg)
            {
                int i = DrawFromCumulative(cumulative, rng);
                if (!ex[i])
                {
                    ex[i] = true;
                    neg.Add(i);
                }
            }
            testNeg[u] = neg.ToArray();
            foreach (int i in mine)
            {
                ex[i] = false;
            }
            foreach (int i in neg)
            {
                ex[i] = false;
            }
        }

        int[] order = Enumerable.Range(0, users).ToArray();
        SeededRandom.For(settings.Seed, "sae-users").Shuffle(order.AsSpan());
        int testCount = (int)Math.Round(users * settings.SaeTestFraction);
        int[] saeTest = order.Take(testCount).Order().ToArray();
        int[] saeTrain = order.Skip(testCount).Order().ToArray();
        return new Split(data, settings, train, testPos, testNeg, saeTest, saeTrain);
    }

    /// <summary>
    /// One epoch of training pairs: every training positive and, per user, as many negatives drawn uniformly
    /// from items the user neither interacted with nor has as a hidden negative; shuffled. Negatives are
    /// re-drawn on every call, as in the paper.
    /// </summary>
    public TrainingSamples SampleEpoch(SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        long n = 2 * TrainPositiveCount;
        var users = new int[n];
        var itemsOut = new int[n];
        var labels = new float[n];
        long k = 0;
        int itemCount = _data.ItemCount;
        for (int u = 0; u < TrainItems.Length; u++)
        {
            int[] pos = TrainItems[u];
            int[] interacted = _data.UserItems[u];
            int[] heldOut = TestNegatives[u];
            // Never a training negative: an interacted item or a held-out negative (disjoint sets).
            int free = itemCount - interacted.Length - heldOut.Length;
            foreach (int i in pos)
            {
                users[k] = u;
                itemsOut[k] = i;
                labels[k] = 1f;
                k++;
            }
            for (int j = 0; j < pos.Length && free > 0; j++)
            {
                int i;
                do
                {
                    i = rng.NextInt(itemCount);
                }
                while (Array.BinarySearch(interacted, i) >= 0 || Array.IndexOf(heldOut, i) >= 0);
                users[k] = u;
                itemsOut[k] = i;
                labels[k] = 0f;
                k++;
            }
        }
        if (k != n)
        {
            Array.Resize(ref users, (int)k);
            Array.Resize(ref itemsOut, (int)k);
            Array.Resize(ref labels, (int)k);
        }
        // One permutation applied to all three arrays.
        for (int a = (int)k - 1; a > 0; a--)
        {
            int b = rng.NextInt(a + 1);
            (users[a], users[b]) = (users[b], users[a]);
            (itemsOut[a], itemsOut[b]) = (itemsOut[b], itemsOut[a]);
            (labels[a], labels[b]) = (labels[b], labels[a]);
        }
        return new TrainingSamples(users, itemsOut, labels);
    }

    private static int DrawFromCumulative(double[] cumulative, SeededRandom rng)
    {
        double x = rng.NextDouble() * cumulative[^1];
        int idx = Array.BinarySearch(cumulative, x);
        if (idx < 0)
        {
            idx = ~idx;
        }
        return Math.Min(idx, cumulative.Length - 1);
    }

    // Efraimidis–Spirakis: the k largest u^(1/w) keys are a weighted sample without replacement.
    private static int[] WeightedWithoutReplacement(int[] pool, double[] weight, int k, SeededRandom rng)
    {
        if (k == 0)
        {
            return [];
        }
        var keyed = new (double Key, int Item)[pool.Length];
        for (int j = 0; j < pool.Length; j++)
        {
            double u = rng.NextDouble();
            keyed[j] = (Math.Log(Math.Max(u, double.Epsilon)) / weight[pool[j]], pool[j]);
        }
        return keyed.OrderByDescending(t => t.Key).ThenBy(t => t.Item).Take(k).Select(t => t.Item).ToArray();
    }
}
