using System.Diagnostics;
using System.Globalization;
using Repro.Cli.Report;
using Repro.Data;
using Repro.Experiments;

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
                    error.WriteLine($"Data missing: {e.Message}");
                    return ExitCodes.Failure;
                }
            }
            string[] missing = [.. options.Datasets.Where(d => options.UserDatasets.All(u => u.Name != d) && !Datasets.IsAvailable(d, options.DataDirectory))];
            if (missing.Length > 0)
            {
                error.WriteLine($"Data missing: {string.Join(", ", missing)} not in {options.DataDirectory ?? RepoPaths.Data}; get it with `dotnet build` (with network) or `REPRO_DATASET_MIRROR=DIR dotnet build` (offline copy); `repro reproduce --quick` works offline.");
                return ExitCodes.Failure;
            }
        }
        string? deviceBefore = Environment.GetEnvironmentVariable("REPRO_DEVICE");
        if (options.Device is not null)
        {
            // Before any torch use: the library resolves the device from this variable (restored at the end, so an
            // in-process caller such as a test is left as it was).
            Environment.SetEnvironmentVariable("REPRO_DEVICE", options.Device);
        }
        try
        {
            return Reproduce(options, output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REPRO_DEVICE", deviceBefore);
        }
    }

    private static int Reproduce(ReproduceOptions options, TextWriter output)
    {

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var progress = new ConsoleProgress(ConsoleProgress.StdoutIsTerminal(), output);
        var runs = new List<(ulong Seed, PaperResults Results)>();
        ClaimsLedger? ledger = null;
        string report;
        try
        {
            report = progress.Run(() =>
            {
                var device = Step(progress, "device", () =>
                {
                    TorchSharp.torch.set_num_threads(options.Threads);
                    return Device.Resolve();
                });
                progress.Info($"device: {device}, {options.Threads} torch thread(s); {(options.Quick ? "quick run on the planted synthetic set" : "datasets " + string.Join(", ", options.Datasets))}; models {string.Join(", ", options.Models)}; seeds {string.Join(", ", options.SeedList)}");
                foreach (ulong seed in options.SeedList)
                {
                    var session = new ReproductionSession(new SessionOptions(seed, options.Force, options.DataDirectory, options.CacheDirectory) { UserDatasets = options.UserDatasets }, progress);
                    var results = new PaperResults(session, options.Datasets, options.Models);
                    runs.Add((seed, results));
                    bool primary = runs.Count == 1;
                    string tag = options.Seeds > 1 ? string.Create(CultureInfo.InvariantCulture, $" (seed {seed})") : "";
                    RunSteps(progress, results, primary, tag);
                    if (primary && results.CoversThePaper)
                    {
                        ledger = Step(progress, "claims ledger", results.Ledger);
                    }
                }
                return Step(progress, "report", () => ReportWriter.Write(options, runs, ledger, started, clock.Elapsed));
            });
        }
        finally
        {
            foreach (var (_, results) in runs)
            {
                results.Session.Dispose();
            }
        }

        output.WriteLine();
        output.WriteLine($"Report: {report}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Time: {clock.Elapsed.TotalSeconds:0.0} s"));
        output.WriteLine(ledger is not null
            ? "Claims: " + ReportWriter.VerdictCounts(ledger)
            : options.Quick ? "Claims: not applicable to the planted set (run without --quick on the real data)."
            : options.OnlyUserDatasets ? "Claims: not applicable to your dataset (the claims are about ML-1M and Last.FM); every other section is in the report."
            : "Claims: not ruled (the ledger needs ml-1m and lastfm × MF and NCF).");
        return ExitCodes.Success;
    }

    // Extra seeds run the steps behind the seed-variation table only; the primary seed runs everything.
    private static void RunSteps(ConsoleProgress progress, PaperResults r, bool primary, string tag)
    {
        foreach (string d in r.Datasets)
        {
            Step(progress, "load " + d + tag, () => r.Session.Data(d));
        }
        Step(progress, "recommender accuracy" + tag, r.Accuracy);
        Step(progress, "SAE health" + tag, r.SaeHealth);
        foreach (var cell in r.Cells)
        {
            Step(progress, "concepts " + cell.Label + tag, () => r.Concepts(cell));
        }
        foreach (var cell in r.Cells)
        {
            Step(progress, "β ablation " + cell.Label + tag, () => r.Ablation(cell));
        }
        if (!primary)
        {
            return;
        }
        foreach (var cell in r.Cells)
        {
            Step(progress, "interventions " + cell.Label, () => r.Interventions(cell));
        }
        foreach (var cell in r.KlTopKCells)
        {
            Step(progress, "KL vs Top-K " + cell.Label, () => r.KlVersusTopK(cell));
        }
        foreach (var cell in r.HierarchyCells)
        {
            Step(progress, "Matryoshka hierarchy " + cell.Label, () => r.Hierarchy(cell));
        }
    }

    private static T Step<T>(ConsoleProgress progress, string name, Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        T result;
        try
        {
            result = work();
        }
        catch (Exception e) when (e is not StepFailedException)
        {
            throw new StepFailedException(name, e);
        }
        progress.StepDone(name, sw.Elapsed);
        return result;
    }
}
