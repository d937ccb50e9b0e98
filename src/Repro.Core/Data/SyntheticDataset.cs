using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Data;

/// <summary>Settings of the planted-concept generator.</summary>
/// <param name="Seed">Seed of every draw.</param>
/// <param name="Users">Number of users.</param>
/// <param name="Items">Number of items.</param>
/// <param name="Genres">Number of planted genres; item i's primary genre is i mod Genres.</param>
/// <param name="SecondGenreProbability">Chance that an item also carries a second genre.</param>
/// <param name="MinItemsPerUser">Fewest interactions a user gets.</param>
/// <param name="MaxItemsPerUser">Most interactions a user gets.</param>
/// <param name="PreferenceStrength">How much more likely an item of a preferred genre is chosen.</param>
/// <param name="PopularityExponent">Zipf exponent of the planted item popularity.</param>
public sealed record SyntheticSettings(
    ulong Seed = 7,
    int Users = 600,
    int Items = 300,
    int Genres = 6,
    double SecondGenreProbability = 0.15,
    int MinItemsPerUser = 15,
    int MaxItemsPerUser = 45,
    double PreferenceStrength = 12.0,
    double PopularityExponent = 0.8)
{
    /// <summary>The default planted set: small enough for second-scale end-to-end tests.</summary>
    public static SyntheticSettings Default { get; } = new();
}

/// <summary>
/// A planted-concept dataset with a known answer: items carry known genres and a planted popularity, users
/// prefer one or two genres. It is the embedded default when no real data is present and the ground truth
/// of the fast end-to-end tests.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>Generates the dataset; equal settings give an identical dataset.</summary>
    public static RecDataset Generate(SyntheticSettings? settings = null)
    {
        settings ??= SyntheticSettings.Default;
        var rng = SeededRandom.For(settings.Seed, "synthetic");
        int items = settings.Items, genres = settings.Genres;

        var itemGenres = new List<int>[items];
        for (int i = 0; i < items; i++)
        {
            itemGenres[i] = [i % genres];
            if (rng.NextDouble() < settings.SecondGenreProbability)
            {
                int second = (i % genres + 1 + rng.NextInt(genres - 1)) % genres;
                itemGenres[i].Add(second);
                itemGenres[i].Sort();
            }
        }

        // Planted popularity: a Zipf weight over a random permutation of the items.
        int[] perm = Enumerable.Range(0, items).ToArray();
        rng.Shuffle(perm.AsSpan());
        double[] pop = new double[items];
        for (int r = 0; r < items; r++)
        {
            pop[perm[r]] = 1.0 / Math.Pow(r + 1, settings.PopularityExponent);
        }

        var userItems = new int[settings.Users][];
        double[] w = new double[items];
        for (int u = 0; u < settings.Users; u++)
        {
            int g1 = rng.NextInt(genres);
            int g2 = rng.NextDouble() < 0.5 ? g1 : rng.NextInt(genres);
            for (int i = 0; i < items; i++)
            {
                bool liked = itemGenres[i].Contains(g1) || itemGenres[i].Contains(g2);
                w[i] = pop[i] * (liked ? settings.PreferenceStrength : 1.0);
            }
            int n = settings.MinItemsPerUser + rng.NextInt(settings.MaxItemsPerUser - settings.MinItemsPerUser + 1);
            var chosen = new SortedSet<int>();
            double sum = w.Sum();
            while (chosen.Count < Math.Min(n, items))
            {
                double x = rng.NextDouble() * sum;
                int pick = 0;
                for (double acc = w[0]; acc < x && pick < items - 1; acc += w[++pick])
                {
                }
                if (chosen.Add(pick))
                {
                    sum -= w[pick];
                    w[pick] = 0;
                }
            }
            userItems[u] = chosen.ToArray();
        }

        string[] names = Enumerable.Range(0, genres).Select(g => "genre" + g.ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] labels = Enumerable.Range(0, items)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"item{i:D4} ({string.Join('|', itemGenres[i].Select(g => names[g]))})"))
            .ToArray();
        var table = new ConceptTable("genre", names, itemGenres);
        string descriptor = settings.ToString();
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(descriptor)));
        return new RecDataset(DatasetName.Synthetic, items, userItems, labels, [table], [new FileFingerprint("generator:" + descriptor, hash, 0)])
        {
            Profile = DatasetProfile.Other(PresetFamily.Quick, items),
        };
    }

    /// <summary>The planted popularity order (rank 0 = highest planted weight), for recovery tests.</summary>
    public static int[] PlantedPopularityRank(SyntheticSettings? settings = null)
    {
        settings ??= SyntheticSettings.Default;
        var rng = SeededRandom.For(settings.Seed, "synthetic");
        // Replay the draws made before the permutation so the order matches Generate.
        for (int i = 0; i < settings.Items; i++)
        {
            if (rng.NextDouble() < settings.SecondGenreProbability)
            {
                rng.NextInt(settings.Genres - 1);
            }
        }
        int[] perm = Enumerable.Range(0, settings.Items).ToArray();
        rng.Shuffle(perm.AsSpan());
        int[] rank = new int[settings.Items];
        for (int r = 0; r < perm.Length; r++)
        {
            rank[perm[r]] = r;
        }
        return rank;
    }
}
