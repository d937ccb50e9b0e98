using System.CommandLine;
using System.Globalization;
using Repro.Cli.Reproduce;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Cli.Commands;

/// <summary>`repro reproduce`: the whole paper, through the same code as the test fixtures, into a report.</summary>
internal static class ReproduceCommand
{
    /// <summary>The default report folder.</summary>
    public const string DefaultOutput = "artifacts/report";

    /// <summary>`repro reproduce`, with <c>--sae</c> and <c>--models</c> to analyse exported models instead of training.</summary>
    public static Command Create() => Create("reproduce", "Run the whole reproduction and write the report (REPORT.md with plots).",
        DefaultOutput, "Report folder (REPORT.md, plots/, neuron-cards/).", imports: true, options => ReproduceRun.Execute(options, Console.Out, Console.Error));

    /// <summary>
    /// A command over a run: the datasets, models, seeds, device, cache and data options of `reproduce` (so `export` runs
    /// exactly the models `reproduce` would), its own <c>--output</c>, and, with <paramref name="imports"/>, the import
    /// options; <paramref name="run"/> gets the parsed options and returns the exit code.
    /// </summary>
    internal static Command Create(string name, string description, string defaultOutput, string outputDescription, bool imports, Func<ReproduceOptions, int> run)
    {
        var dataset = new Option<string[]>("--dataset")
        {
            Description = "Dataset(s): ml-1m, lastfm (repeat the option or give a comma list). Default: both.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        dataset.Validators.Add(r => CheckChoices(r, r.GetValueOrDefault<string[]>(), [.. PaperSetting.PaperDatasets.Select(d => d.Value)], "dataset"));
        var model = new Option<string[]>("--model")
        {
            Description = "Recommender(s): MF, NCF (repeat or comma list). Default: both.",
            Arity = ArgumentArity.OneOrMore,
        };
        model.Validators.Add(r => CheckChoices(r, r.GetValueOrDefault<string[]>(), ModelNames, "model"));
        var seed = new Option<ulong>("--seed") { Description = "Seed of the split, every training and every draw (the first seed with --seeds).", DefaultValueFactory = _ => 42 };
        var seeds = WholeNumber("--seeds", "Repeat over N seeds (seed, seed+1, …); the claims ledger is ruled over them (the suite uses " + Repro.Orchestration.PaperResults.LedgerSeedCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "), and the report gives mean ± sd of the headline numbers.", 1, MaxSeeds, 1);
        var threads = WholeNumber("--threads", "Torch CPU threads per training (default 1: as fast as 2 at these sizes, and bit-stable; see STACK.md).", 1, MaxThreads, 1);
        var parallel = WholeNumber("--parallel", "Independent trainings and experiments run side by side (default: one per CPU core); results do not depend on it.", 1, MaxThreads, Environment.ProcessorCount);
        var device = new Option<string?>("--device") { Description = "auto, cpu or cuda (default: env REPRO_DEVICE, else auto)." };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var output = new Option<string>("--output") { Description = outputDescription, DefaultValueFactory = _ => defaultOutput };
        var quick = new Option<bool>("--quick") { Description = "Only the planted synthetic set (both models): seconds, works offline." };
        var force = new Option<bool>("--force") { Description = "Retrain every model even when a valid checkpoint exists." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the datasets are (default data/, or env REPRO_DATA_DIR)." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Where trained models are kept (default .cache/models, or env REPRO_CACHE_DIR)." };
        var userData = new Option<string[]>("--data")
        {
            Description = "Your own MovieLens-format folder: movielens:DIR with ratings.dat + movies.dat (+ users.dat) or ratings.csv + movies.csv (repeatable). Without --dataset only these run.",
            Arity = ArgumentArity.OneOrMore,
        };
        userData.Validators.Add(r =>
        {
            foreach (string v in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!v.StartsWith(UserDataset.MovieLensPrefix, StringComparison.OrdinalIgnoreCase) || v.Length == UserDataset.MovieLensPrefix.Length)
                {
                    r.AddError($"--data expects {UserDataset.MovieLensPrefix}DIR (a folder in a MovieLens layout), got '{v}'.");
                }
            }
        });
        var presets = new Option<string>("--presets")
        {
            Description = "Settings that train the --data folders: ml-1m (the default: the paper's ML-1M presets), lastfm, or quick (the planted set's small, fast models).",
            DefaultValueFactory = _ => PresetFamily.Ml1m.OptionName(),
        };
        presets.AcceptOnlyFromAmong([.. PresetFamilies.All.Select(f => f.OptionName())]);

        var predictionWeights = new Option<double[]>("--prediction-weights")
        {
            Description = "The λ_pred grid of the ablation, a comma list in ascending order (at least three values, each ≥ 0). Default: the paper's 0,1,2,5,10.",
            DefaultValueFactory = _ => [.. PredictionWeightAblation.PaperPredictionWeights],
            CustomParser = r => PredictionWeightGrid(r.Tokens.Count > 0 ? r.Tokens[^1].Value : "", r.AddError),
        };

        var sae = new Option<string[]>("--sae")
        {
            Description = "An exported SAE's folder (config.json + model.safetensors, as `repro export` writes): analysed instead of training that SAE (repeatable).",
            Arity = ArgumentArity.OneOrMore,
        };
        var models = new Option<string[]>("--models")
        {
            Description = "A folder of exported models (the output of `repro export`, or one model's folder): each is used instead of training its model (repeatable).",
            Arity = ArgumentArity.OneOrMore,
        };
        foreach (Option path in new Option[] { output, dataDir, cacheDir })
        {
            path.Validators.Add(r => CheckPath(r, path.Name));
        }
        foreach (Option paths in new Option[] { sae, models })
        {
            paths.Validators.Add(r => CheckPaths(r, paths.Name));
        }

        var cmd = new Command(name, description)
        {
            dataset, model, seed, seeds, device, threads, parallel, output, quick, force, dataDir, cacheDir, userData, presets, predictionWeights,
        };
        if (imports)
        {
            cmd.Options.Add(sae);
            cmd.Options.Add(models);
        }
        cmd.Validators.Add(r =>
        {
            if (r.GetValue(quick) && r.GetResult(dataset) is { Implicit: false })
            {
                r.AddError("--quick runs the planted synthetic set; it takes no --dataset.");
            }
            if (r.GetValue(quick) && r.GetResult(userData) is { Implicit: false })
            {
                r.AddError("--quick runs the planted synthetic set; for small, fast models on a --data folder use --presets quick.");
            }
            if (r.GetResult(seeds) is { } n && !n.Errors.Any() && r.GetResult(seed) is { } s && !s.Errors.Any() && SeedRangeProblem(r.GetValue(seed), r.GetValue(seeds)) is { } wraps)
            {
                r.AddError(wraps);
            }
        });
        cmd.SetAction(parsed =>
        {
            bool isQuick = parsed.GetValue(quick);
            var notices = new List<string>();
            var users = UserDatasets(parsed.GetValue(userData), parsed.GetValue(presets), notices);
            DatasetName[]? catalogue = Split(parsed.GetValue(dataset))?.Select(Datasets.Parse).ToArray();
            var options = new ReproduceOptions(
                isQuick ? [DatasetName.Synthetic] : [.. catalogue ?? (users.Count > 0 ? [] : PaperSetting.PaperDatasets), .. users.Select(u => u.Name)],
                Split(parsed.GetValue(model))?.Select(m => Enum.Parse<RecommenderKind>(Canonical(m, ModelNames))).ToArray() ?? PaperSetting.Models,
                parsed.GetValue(seed),
                parsed.GetValue(seeds),
                parsed.GetValue(device)?.ToLowerInvariant(),
                parsed.GetValue(threads),
                parsed.GetValue(output) ?? DefaultOutput,
                isQuick,
                parsed.GetValue(force),
                parsed.GetValue(dataDir),
                parsed.GetValue(cacheDir),
                string.Join(' ', parsed.Tokens.Select(t => t.Value)),
                parsed.GetValue(parallel))
            {
                UserDatasets = users,
                Notices = notices,
                PredictionWeights = parsed.GetValue(predictionWeights) ?? [.. PredictionWeightAblation.PaperPredictionWeights],
                SaeFolders = imports ? parsed.GetValue(sae) ?? [] : [],
                ModelFolders = imports ? parsed.GetValue(models) ?? [] : [],
            };
            return run(options);
        });
        return cmd;
    }

    /// <summary>
    /// The --data folders, each once: "quick" is the planted set's presets ("synthetic"); each folder gets a distinct short
    /// name; a folder named again (another spelling, a link to it) is dropped with a line in <paramref name="notices"/>,
    /// as a repeated --dataset is, so it is read and trained once.
    /// </summary>
    internal static List<UserDataset> UserDatasets(string[]? specs, string? presets, List<string> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var list = new List<UserDataset>();
        var real = new List<string>();
        foreach (string spec in specs ?? [])
        {
            var user = UserDataset.Parse(spec, presets is null ? PresetFamily.Ml1m : PresetFamilies.Parse(presets), [.. list.Select(u => u.Name)]);
            string folder = FolderPaths.Real(user.Directory);
            int earlier = real.FindIndex(r => FolderPaths.IsSameOrInside(r, folder) && FolderPaths.IsSameOrInside(folder, r));
            if (earlier >= 0)
            {
                notices.Add($"--data {spec} is the folder of an earlier --data ({list[earlier].Directory}); it is read and trained once, as {list[earlier].Name}.");
                continue;
            }
            list.Add(user);
            real.Add(folder);
        }
        return list;
    }

    /// <summary>
    /// Why <paramref name="seed"/> cannot start <paramref name="count"/> seeds (seed … seed + count − 1 would pass the
    /// largest 64-bit seed and wrap around to 0), or null when they fit.
    /// </summary>
    internal static string? SeedRangeProblem(ulong seed, int count)
    {
        ulong largest = ulong.MaxValue - (ulong)Math.Max(0, count - 1);
        return seed <= largest ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"--seed {seed} with --seeds {count} runs seeds {seed} … {seed} + {count - 1}, past the largest seed {ulong.MaxValue}: the largest allowed --seed with --seeds {count} is {largest}.");
    }

    /// <summary>
    /// The λ_pred grid of <c>--prediction-weights</c> ("0,1,2,5,10"): invariant-culture numbers, each finite and ≥ 0, in
    /// ascending order, at least three (<see cref="PredictionWeightAblation.Problem"/>); otherwise an error through
    /// <paramref name="error"/> naming the text and what was expected, and the paper's grid.
    /// </summary>
    internal static double[] PredictionWeightGrid(string text, Action<string> error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(error);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var grid = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out grid[i]))
            {
                error($"--prediction-weights expects a comma list of numbers such as 0,1,2,5,10; '{parts[i]}' in '{text}' is not a number.");
                return [.. PredictionWeightAblation.PaperPredictionWeights];
            }
        }
        if (PredictionWeightAblation.Problem(grid) is { } problem)
        {
            error($"--prediction-weights '{text}': {problem}");
            return [.. PredictionWeightAblation.PaperPredictionWeights];
        }
        return grid;
    }

    /// <summary>Most seeds one run may repeat over (each is a whole reproduction).</summary>
    public const int MaxSeeds = 100;

    /// <summary>Most torch CPU threads.</summary>
    public const int MaxThreads = 1024;

    // A whole-number option that never throws on bad text: "abc" or a number past int's range is a parse error naming
    // the valid range (System.CommandLine's own conversion error does not say it, and validators that read the value throw).
    private static Option<int> WholeNumber(string name, string description, int min, int max, int fallback) => new(name)
    {
        Description = $"{description} ({min}..{max})",
        DefaultValueFactory = _ => fallback,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max)
            {
                return v;
            }
            r.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} expects a whole number from {min} to {max}; got '{text}'."));
            return fallback;
        },
    };

    // An empty path (`--output ""`) crashed Path.GetFullPath, and for --data-dir silently meant the current folder.
    private static void CheckPath(System.CommandLine.Parsing.OptionResult result, string name)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!result.Implicit && (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal)))
        {
            result.AddError($"{name} needs a folder path; got '{text.Replace("\0", "\\0", StringComparison.Ordinal)}'.");
        }
    }

    private static void CheckPaths(System.CommandLine.Parsing.OptionResult result, string name)
    {
        foreach (var token in result.Tokens)
        {
            if (string.IsNullOrWhiteSpace(token.Value) || token.Value.Contains('\0', StringComparison.Ordinal))
            {
                result.AddError($"{name} needs a folder path; got '{token.Value.Replace("\0", "\\0", StringComparison.Ordinal)}'.");
            }
        }
    }

    private static string[]? Split(string[]? values) =>
        values is null || values.Length == 0 ? null
        : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static readonly string[] ModelNames = [.. PaperSetting.Models.Select(m => m.ToString())];

    private static string Canonical(string value, IReadOnlyList<string> allowed) => allowed.First(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));

    private static void CheckChoices(System.CommandLine.Parsing.OptionResult result, string[]? values, IReadOnlyList<string> allowed, string what)
    {
        if (!result.Implicit && Split(values) is not { Length: > 0 })
        {
            // `--dataset ""` or `--dataset ,` would otherwise run nothing and exit 0 with an empty report.
            result.AddError($"--{what} needs at least one of {string.Join(", ", allowed)}; got an empty list.");
            return;
        }
        foreach (string v in Split(values) ?? [])
        {
            if (!allowed.Contains(v, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"Unknown {what} '{v}': expected {string.Join(", ", allowed)}.");
            }
        }
    }
}
