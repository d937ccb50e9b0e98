using System.Diagnostics;
using System.Globalization;
using Repro.Claims;
using Repro.Cli.Report;
using Repro.Data;
using Repro.Exchange;
using Repro.Experiments;
using Repro.Orchestration;

namespace Repro.Cli.Reproduce;

/// <summary>
/// One `repro reproduce`: checks the data, runs every experiment as a named step (a failure names its step, exit 1),
/// writes the report and prints a summary.
/// </summary>
internal static class ReproduceRun
{
    /// <summary>Runs the reproduction; returns the exit code.</summary>
    public static int Execute(ReproduceOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (CheckInputs(options, output, error) is { } refused)
        {
            return refused;
        }
        ModelImports imports;
        try
        {
            imports = ModelImports.Open(options.SaeFolders, options.ModelFolders);
        }
        catch (ExchangeFormatException e)
        {
            error.WriteLine(Ui.Plain("Cannot import: " + e.Message));
            return ExitCodes.Failure;
        }
        foreach (var m in imports.Models)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported {m.Label} from {m.Folder}: {m.Bytes} bytes read and checked in {m.ReadSeconds * 1000:0.0} ms."));
        }
        if (ImportUsageProblems(options, imports) is { Count: > 0 } misfits)
        {
            foreach (string misfit in misfits)
            {
                error.WriteLine("Cannot run: " + misfit);
            }
            return ExitCodes.Usage;
        }
        if (WritablePaths.Problems(options) is { Count: > 0 } problems)
        {
            foreach (string problem in problems)
            {
                error.WriteLine("Cannot run: " + problem);
            }
            return ExitCodes.Usage;
        }
        return Reproduce(options, imports, output);
    }

    /// <summary>
    /// The checks every command over a run makes before it starts (and prints the run's notices): each --data folder has a
    /// MovieLens layout, and every catalogue dataset is present. Returns the exit code of a refusal, or null to go on.
    /// </summary>
    internal static int? CheckInputs(ReproduceOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        foreach (string notice in options.Notices)
        {
            output.WriteLine("Notice: " + notice);
        }
        if (!options.Quick)
        {
            foreach (var user in options.UserDatasets)
            {
                try
                {
                    MovieLensFolder.Detect(user.Directory);
                }
                catch (DatasetFormatException e)
                {
                    error.WriteLine($"Cannot use --data {UserDataset.MovieLensPrefix}{user.Directory}: {e.Message}");
                    return ExitCodes.Failure;
                }
            }
            DatasetName[] missing = [.. options.Datasets.Where(d => options.UserDatasets.All(u => u.Name != d) && !Datasets.IsAvailable(d, options.DataDirectory))];
            if (missing.Length > 0)
            {
                foreach (var d in missing)
                {
                    var entry = Datasets.Entry(d);
                    var lacking = Datasets.MissingMembers(d, options.DataDirectory);
                    string folder = Datasets.FolderOf(entry, options.DataDirectory);
                    error.WriteLine(lacking.Count == entry.Members.Count
                        ? $"Data missing: {d} is not in {folder}."
                        : $"Data missing: {folder} lacks {string.Join(", ", lacking)}.");
                }
                error.WriteLine("Get the data with `dotnet build` (with network) or `REPRO_DATASET_MIRROR=DIR dotnet build` (offline copy); `repro reproduce --quick` works offline.");
                return ExitCodes.Failure;
            }
        }
        return null;
    }

    /// <summary>
    /// Imported models this run cannot use because it does not cover their cell: their dataset and recommender must be
    /// among the run's, and their seed (the split's) among its seeds; one line each (bad usage, exit 2).
    /// </summary>
    internal static IReadOnlyList<string> ImportUsageProblems(ReproduceOptions options, ModelImports imports)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(imports);
        var problems = new List<string>();
        foreach (var m in imports.Models)
        {
            var c = m.Config;
            ulong seed = c.Recommender.Settings.Seed;
            if (!options.Datasets.Contains(new DatasetName(c.Dataset.Name)) || !options.Models.Contains(c.Recommender.Kind) || !options.SeedList.Contains(seed))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Folder} is the {m.Label}, for {c.Dataset.Name} × {c.Recommender.Kind} with seed {seed}, but this run covers {string.Join(", ", options.Datasets)} × {string.Join(", ", options.Models)} with seed(s) {string.Join(", ", options.SeedList)}: run the cell it belongs to (--dataset, --model, --seed; --quick for the planted set)."));
            }
        }
        return problems;
    }

    private static int Reproduce(ReproduceOptions options, ModelImports imports, TextWriter output)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var progress = new ConsoleProgress(ConsoleProgress.StdoutIsTerminal(), output);
        var runs = new List<(ulong Seed, PaperResults Results)>();
        var stages = new StageTimes();
        var failures = new List<StepFailure>();
        ClaimsLedger? ledger = null;
        string report;
        try
        {
            report = progress.Run(() =>
            {
                var device = Step(progress, stages, "device", () =>
                {
                    TorchSharp.torch.set_num_threads(options.Threads);
                    return Device.Resolve(options.Device);
                });
                progress.Info($"device: {device}, {options.Threads} torch thread(s) per training, {options.Parallelism} side by side; {(options.Quick ? "quick run on the planted synthetic set" : "datasets " + string.Join(", ", options.Datasets))}; models {string.Join(", ", options.Models)}; seeds {string.Join(", ", options.SeedList)}");
                progress.Info("numeric pins: " + NumericPins.Describe());
                foreach (ulong seed in options.SeedList)
                {
                    // Later seeds come from the first one's results: same options, their models disposed with it, and the
                    // once-only steps (the D8 demonstration, the extra budget row) left to the first seed.
                    var results = runs.Count == 0
                        ? new PaperResults(new ReproductionSession(new SessionOptions(seed, options.Force, options.DataDirectory, options.CacheDirectory, device) { UserDatasets = options.UserDatasets, PredictionWeights = options.PredictionWeights, Imports = imports }, progress), options.Datasets, options.Models)
                        : runs[0].Results.ForSeed(seed);
                    runs.Add((seed, results));
                    if (runs.Count == 1 && imports.Models.Count > 0)
                    {
                        // Before any training: every imported model against the data it was exported for.
                        Step(progress, stages, "check imported models", () =>
                        {
                            results.Session.CheckImports();
                            return true;
                        });
                    }
                    string tag = options.Seeds > 1 ? string.Create(CultureInfo.InvariantCulture, $" (seed {seed})") : "";
                    failures.AddRange(RunSteps(progress, stages, results, tag, options.Parallelism));
                }
                if (runs[0].Results.CoversThePaper)
                {
                    // Every seed ran every experiment: each claim is ruled over all of them at once (its margins and pass
                    // rate see every seed; MIXED k/N where they disagree); a claim whose input failed is NOT RULED, saying which.
                    ledger = Step(progress, stages, "claims ledger", () => ClaimsLedger.RuleOverSeeds([.. runs.Select(r => (r.Seed, r.Results.Evidence()))]));
                }
                return Step(progress, stages, "report", () => ReportWriter.Write(options, runs, ledger, stages, started, clock.Elapsed));
            });
        }
        finally
        {
            if (runs.Count > 0)
            {
                runs[0].Results.Session.Dispose();
            }
        }

        output.WriteLine();
        output.WriteLine(StageTimes.ToText(stages, runs.SelectMany(r => r.Results.Session.Timings).ToList()));
        var used = runs.SelectMany(r => r.Results.Session.Timings).Select(t => t.ImportedFrom).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var unused in imports.Models.Where(m => !used.Contains(m.Folder)))
        {
            output.WriteLine($"Notice: {unused.Folder} ({unused.Label}) was imported but no step of this run asked for that model (its settings or seed are not the run's).");
        }
        output.WriteLine($"Report: {report}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Time: {clock.Elapsed.TotalSeconds:0.0} s"));
        output.WriteLine(ledger is not null
            ? "Claims: " + ReportWriter.VerdictCounts(ledger)
            : options.Quick ? "Claims: not applicable to the planted set (run without --quick on the real data)."
            : options.OnlyUserDatasets ? "Claims: not applicable to your dataset (the claims are about ML-1M and Last.FM); every other section is in the report."
            : "Claims: not ruled (the ledger needs ml-1m and lastfm × MF and NCF).");
        if (failures.Count == 0)
        {
            return ExitCodes.Success;
        }
        // Every other step ran and the report says what is missing; the exit code and stderr name each failure.
        foreach (var f in failures)
        {
            Console.Error.WriteLine(Ui.Plain($"Step '{f.Step}' failed: {StepFailedException.CauseOf(f.Error)}"));
        }
        return ExitCodes.Failure;
    }


    // Every seed runs every experiment (the ledger is ruled over all seeds). Independent steps run side by side, one
    // torch thread each; every model is made once whatever the schedule. A dataset that does not load stops the run
    // before any training (bad input); a failed experiment fails alone, and its failure is returned.
    internal static IReadOnlyList<StepFailure> RunSteps(ConsoleProgress progress, StageTimes stages, PaperResults r, string tag, int parallelism)
    {
        foreach (var d in r.Datasets)
        {
            RunStep.In("load " + d + tag, () => Step(progress, stages, "load " + d + tag, () => r.Session.Data(d)));
        }
        var failures = RunPlan.Run(r.Jobs(), parallelism, job => Step(progress, stages, job.Name + tag, job.Work));
        foreach (var f in failures)
        {
            progress.Info($"step '{f.Step}{tag}' failed: {StepFailedException.CauseOf(f.Error)}");
        }
        return [.. failures.Select(f => f with { Step = f.Step + tag })];
    }

    internal static T Step<T>(ConsoleProgress progress, StageTimes stages, string name, Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        var clock = ThreadClock.Start();
        T result;
        try
        {
            result = work();
        }
        catch (Exception e) when (e is not StepFailedException)
        {
            throw new StepFailedException(name, e);
        }
        var (wall, cpu) = clock.Elapsed();
        stages.Add(name, wall, cpu);
        progress.StepDone(name, sw.Elapsed);
        return result;
    }
}
