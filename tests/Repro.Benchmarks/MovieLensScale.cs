using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Repro.Data;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Recommenders;

namespace Repro.Benchmarks;

/// <summary>
/// `movielens-scale [DIR] [--users N] [--items N] [--epochs N] [--stop-after load|split|train]`: a planted dataset of ML-25M's size (162,000 users × 59,000
/// items, about 25 M ratings) generated on disk in the CSV layout, then the pipeline's first stages on it: load, split,
/// one MF epoch with the ML-1M presets, and the streamed evaluation. Prints wall time, RSS and peak RSS per stage.
/// </summary>
internal static class MovieLensScale
{
    private static readonly string[] Genres =
    [
        "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir",
        "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>Runs the stages; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        string dir = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine(Path.GetTempPath(), "repro-ml25m-planted");
        int users = Arg(args, "--users", 162_000), items = Arg(args, "--items", 59_000), epochs = Arg(args, "--epochs", 1);
        Console.WriteLine($"| stage | seconds | RSS MB | peak RSS MB | note |");
        Console.WriteLine("|---|---|---|---|---|");
        if (!File.Exists(Path.Combine(dir, "ratings.csv")))
        {
            Stage("generate (CSV layout)", () => Generate(dir, users, items));
        }
        if (args.Contains("--pipeline-mf"))
        {
            return PipelineMf(dir);
        }
        RecDataset data = null!;
        Stage("load", () =>
        {
            data = MovieLensFolder.Load(dir, new DatasetName("planted-25m"));
            return string.Create(CultureInfo.InvariantCulture, $"{data.UserCount} users × {data.ItemCount} items, {data.InteractionCount} interactions");
        });
        string stop = args.SkipWhile(a => a != "--stop-after").Skip(1).FirstOrDefault() ?? "eval";
        if (stop == "load")
        {
            return 0;
        }
        Split split = null!;
        Stage("split", () =>
        {
            split = Split.Create(data, new SplitSettings());
            return string.Create(CultureInfo.InvariantCulture, $"{split.TrainPositiveCount} training positives");
        });
        if (stop == "split")
        {
            return 0;
        }
        TrainedRecommender trained = null!;
        var settings = RecommenderSettings.Ml1mMf with { Epochs = epochs };
        var last = Stopwatch.StartNew();
        Stage($"MF training, {epochs} epoch(s), ML-1M presets", () =>
        {
            trained = RecommenderTrainer.Train(data, split, settings, TorchSharp.torch.CPU, p =>
            {
                if (last.Elapsed.TotalSeconds >= 30)
                {
                    last.Restart();
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  MF epoch {p.Epoch + 1}/{settings.Epochs}, step {p.Step}/{p.StepsPerEpoch}, loss {p.Loss:0.0000}"));
                }
            });
            return string.Create(CultureInfo.InvariantCulture, $"final epoch loss {trained.EpochLosses[^1]:0.0000}");
        });
        if (stop == "train")
        {
            trained.Model.Dispose();
            return 0;
        }
        Stage("evaluation (streamed, 512 users a chunk)", () =>
        {
            var acc = RecommenderEvaluation.Evaluate(trained.Model, data, split);
            return string.Create(CultureInfo.InvariantCulture, $"HR@10 {acc.HitRate:0.000}, NDCG@10 {acc.Ndcg:0.000}, LOO HR@10 {acc.LeaveOneOutHitRate:0.000} over {acc.Users} users");
        });
        trained.Model.Dispose();
        return 0;
    }

    // The MF cell through the same session API as `repro reproduce`, ML-1M presets, stage by stage. Skips the accuracy
    // table (it trains NCF too), the λ_pred ablation and KL versus Top-K (5 and 6 more SAEs of the same size as the one here).
    private static int PipelineMf(string dir)
    {
        var user = new UserDataset(new DatasetName("planted-25m"), Path.GetFullPath(dir));
        string cache = Path.Combine(Path.GetTempPath(), "repro-ml25m-cache");
        using var session = new ReproductionSession(new SessionOptions(CacheDirectory: cache) { UserDatasets = [user] }, new StderrProgress());
        var results = new PaperResults(session, [user.Name], [RecommenderKind.MF]);
        var cell = results.Cells.Single();
        Stage("session: load", () => session.Data(user.Name).InteractionCount.ToString(CultureInfo.InvariantCulture) + " interactions");
        Stage("session: split", () => session.Split(user.Name).SaeTestUsers.Length.ToString(CultureInfo.InvariantCulture) + " SAE-test users");
        Stage("MF recommender, 10 epochs (ML-1M presets)", () => session.Recommender(cell).EpochLosses[^1].ToString("0.0000", CultureInfo.InvariantCulture) + " final loss");
        Stage("paper-setting SAE (m = 22, 18 epochs)", () => { session.PaperSae(cell); return "trained"; });
        Stage("SAE health and fidelity (streamed over SAE-test users)", () =>
        {
            var h = results.SaeHealth().Rows.Single();
            return string.Create(CultureInfo.InvariantCulture, $"L0 users {h.Health.L0Users:0.00}, dead {h.Health.DeadRate:0.00}");
        });
        Stage("concepts (purity, popularity, era, MS)", () =>
        {
            var c = results.Concepts(cell).Report;
            return string.Create(CultureInfo.InvariantCulture, $"best genre purity@20 {c.PurityOf("genre").Rows.Max(r => r.PurityAt20):0.00}, popularity neuron {c.Popularity.Neuron}");
        });
        Stage("interventions", () => results.Interventions(cell).Suppressions.Count.ToString(CultureInfo.InvariantCulture) + " suppressions");
        Stage("Matryoshka hierarchy", () => { results.Hierarchy(cell); return "done"; });
        return 0;
    }

    private sealed class StderrProgress : IProgressSink
    {
        private readonly Stopwatch _last = Stopwatch.StartNew();

        public void Info(string line) => Console.Error.WriteLine("  " + line);

        public void Training(string what, int epoch, int epochs, int step, int steps, double loss)
        {
            if (_last.Elapsed.TotalSeconds >= 30)
            {
                _last.Restart();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: epoch {epoch}/{epochs}, step {step}/{steps}, loss {loss:0.0000}"));
            }
        }
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Stage(string name, Func<string> work)
    {
        var sw = Stopwatch.StartNew();
        string note = work();
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sw.Elapsed.TotalSeconds:0.0} | {p.WorkingSet64 / 1048576.0:0} | {p.PeakWorkingSet64 / 1048576.0:0} | {note} |"));
    }

    // Planted like SyntheticDataset, at scale: each item has a primary genre (i mod 19) and sometimes a second, a Zipf
    // popularity over a random permutation; each user prefers one genre and draws 70 % of their items from it.
    private static string Generate(string dir, int users, int items)
    {
        Directory.CreateDirectory(dir);
        var rng = SeededRandom.For(25, "planted-ml25m");
        int g = Genres.Length;
        var second = new int[items];
        int[] perm = Enumerable.Range(0, items).ToArray();
        rng.Shuffle(perm.AsSpan());
        var weight = new double[items];
        for (int r = 0; r < items; r++)
        {
            weight[perm[r]] = 1.0 / Math.Pow(r + 1, 0.8);
        }
        using (var movies = new StreamWriter(Path.Combine(dir, "movies.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            movies.Write("movieId,title,genres\n");
            for (int i = 0; i < items; i++)
            {
                second[i] = rng.NextDouble() < 0.15 ? (i % g + 1 + rng.NextInt(g - 1)) % g : -1;
                string genres = second[i] < 0 ? Genres[i % g] : Genres[Math.Min(i % g, second[i])] + "|" + Genres[Math.Max(i % g, second[i])];
                movies.Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1},\"Planted, Film {i} ({1930 + i % 90})\",{genres}\n"));
            }
        }
        // Cumulative weights per genre and over all items, for inverse-CDF draws.
        var byGenre = Enumerable.Range(0, g).Select(k => Enumerable.Range(0, items).Where(i => i % g == k || second[i] == k).ToArray()).ToArray();
        var cumGenre = byGenre.Select(list => Cumulative(list.Select(i => weight[i]))).ToArray();
        double[] cumAll = Cumulative(weight);
        long total = 0;
        var buffer = new byte[64];
        using (var ratings = new BufferedStream(File.Create(Path.Combine(dir, "ratings.csv")), 1 << 22))
        {
            ratings.Write("userId,movieId,rating,timestamp\n"u8);
            var chosen = new HashSet<int>();
            for (int u = 0; u < users; u++)
            {
                int genre = rng.NextInt(g);
                double x = rng.NextDouble();
                int n = 20 + (int)(x * x * x * 537); // mean ≈ 154 ratings a user, as in ML-25M
                chosen.Clear();
                while (chosen.Count < n)
                {
                    int item = rng.NextDouble() < 0.7 ? byGenre[genre][Draw(cumGenre[genre], rng)] : Draw(cumAll, rng);
                    if (!chosen.Add(item))
                    {
                        continue;
                    }
                    int len = 0;
                    Utf8Formatter.TryFormat(u + 1, buffer.AsSpan(len), out int w);
                    len += w;
                    buffer[len++] = (byte)',';
                    Utf8Formatter.TryFormat(item + 1, buffer.AsSpan(len), out w);
                    len += w;
                    ReadOnlySpan<byte> stars = (item + u) % 3 == 0 ? ",4.5,"u8 : ",3.0,"u8;
                    stars.CopyTo(buffer.AsSpan(len));
                    len += stars.Length;
                    Utf8Formatter.TryFormat(1_500_000_000 + u, buffer.AsSpan(len), out w);
                    len += w;
                    buffer[len++] = (byte)'\n';
                    ratings.Write(buffer, 0, len);
                }
                total += n;
                if ((u + 1) % 20_000 == 0)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generated {u + 1}/{users} users, {total} ratings"));
                }
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{users} users, {items} movies, {total} ratings in {dir}");
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = new List<double>();
        double acc = 0;
        foreach (double w in weights)
        {
            acc += w;
            list.Add(acc);
        }
        return [.. list];
    }

    private static int Draw(double[] cumulative, SeededRandom rng)
    {
        int at = Array.BinarySearch(cumulative, rng.NextDouble() * cumulative[^1]);
        return Math.Min(at < 0 ? ~at : at, cumulative.Length - 1);
    }
}
