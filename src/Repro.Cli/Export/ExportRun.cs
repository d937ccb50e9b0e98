using System.Diagnostics;
using System.Globalization;
using Repro.Cli.Reproduce;
using Repro.Exchange;
using Repro.Orchestration;
using Repro.Presentation;
using Repro.Recommenders;

namespace Repro.Cli.Export;

/// <summary>
/// One `repro export`: runs what `repro reproduce` would run with the same options (cached models reused, missing ones
/// trained; the run decides which models exist, e.g. Top-K's k comes from its KL SAE's L0), then writes every model the
/// run made, one folder each (<see cref="ModelFolder"/>), into the export folder. Nothing is exported when a step failed.
/// </summary>
internal static class ExportRun
{
    /// <summary>The default export folder.</summary>
    public const string DefaultOutput = "artifacts/export";

    /// <summary>Runs the export; returns the exit code.</summary>
    public static int Execute(ReproduceOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (ReproduceRun.CheckInputs(options, output, error) is { } refused)
        {
            return refused;
        }
        string cacheDirectory = options.CacheDirectory ?? RepoPaths.ModelCache;
        // Every path the export writes, checked before the first training.
        if ((ExportFolder.Problem(options.Output, cacheDirectory) ?? WritablePaths.CacheProblem(cacheDirectory)) is { } problem)
        {
            error.WriteLine("Cannot export: " + problem);
            return ExitCodes.Usage;
        }
        var clock = Stopwatch.StartNew();
        var progress = new ConsoleProgress(ConsoleProgress.StdoutIsTerminal(), output);
        var stages = new StageTimes();
        var runs = new List<PaperResults>();
        var failures = new List<StepFailure>();
        IReadOnlyList<ExportedFolder> written = [];
        try
        {
            written = progress.Run(() =>
            {
                var device = ReproduceRun.Step(progress, stages, "device", () =>
                {
                    TorchSharp.torch.set_num_threads(options.Threads);
                    return Device.Resolve(options.Device);
                });
                foreach (ulong seed in options.SeedList)
                {
                    var results = runs.Count == 0
                        ? new PaperResults(new ReproductionSession(new SessionOptions(seed, options.Force, options.DataDirectory, options.CacheDirectory, device) { UserDatasets = options.UserDatasets }, progress), options.Datasets, options.Models)
                        : runs[0].ForSeed(seed);
                    runs.Add(results);
                    string tag = options.Seeds > 1 ? string.Create(CultureInfo.InvariantCulture, $" (seed {seed})") : "";
                    failures.AddRange(ReproduceRun.RunSteps(progress, stages, results, tag, options.Parallelism));
                }
                return failures.Count > 0 ? [] : (IReadOnlyList<ExportedFolder>)ReproduceRun.Step(progress, stages, "export", () => Write(options.Output, runs.Select(r => r.Session)));
            });
        }
        finally
        {
            if (runs.Count > 0)
            {
                runs[0].Session.Dispose();
            }
        }
        if (failures.Count > 0)
        {
            foreach (var f in failures)
            {
                error.WriteLine(Ui.Plain($"Step '{f.Step}' failed: {StepFailedException.CauseOf(f.Error)}"));
            }
            error.WriteLine("Nothing was exported: a model the run needs could not be made.");
            return ExitCodes.Failure;
        }
        output.WriteLine();
        output.WriteLine(Summary(written));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Exported {written.Count} models ({written.Sum(w => w.Bytes) / 1e6:0.00} MB) to {Path.GetFullPath(options.Output)} in {clock.Elapsed.TotalSeconds:0.0} s."));
        return ExitCodes.Success;
    }

    /// <summary>One written model folder.</summary>
    /// <param name="Name">The folder's name.</param>
    /// <param name="Kind">"recommender" or "SAE".</param>
    /// <param name="Bytes">Its size on disk.</param>
    /// <param name="Seconds">Time to write and read it back.</param>
    internal sealed record ExportedFolder(string Name, string Kind, long Bytes, double Seconds);

    // Every model of every session, each into its own folder of the staging area; moved into place when all are written.
    private static List<ExportedFolder> Write(string output, IEnumerable<ReproductionSession> sessions)
    {
        var written = new List<ExportedFolder>();
        using var folder = ExportFolder.Stage(output);
        foreach (var session in sessions)
        {
            var recommenders = new Dictionary<RecommenderNode, ExportedRecommender>();
            foreach (var (node, trained) in session.MadeRecommenders().OrderBy(r => r.Node.Label, StringComparer.Ordinal).ThenBy(r => r.Node.Settings.TrainingIdentity(), StringComparer.Ordinal))
            {
                string name = ModelFolder.RecommenderName(node.Dataset, node.Settings);
                var clock = Stopwatch.StartNew();
                long bytes = ModelFolder.WriteRecommender(Path.Combine(folder.Staging, name), trained, session.Data(node.Dataset), session.SplitSettings);
                written.Add(new ExportedFolder(name, "recommender", bytes, clock.Elapsed.TotalSeconds));
                recommenders[node] = new ExportedRecommender(node.Settings.Kind, node.Settings, RecommenderTrainer.Version, Checkpoint.Fingerprint(ModelCache.AsModule(trained.Model)), name);
            }
            foreach (var (node, sae) in session.MadeSaes().OrderBy(s => s.Node.Label, StringComparer.Ordinal).ThenBy(s => s.Node.Settings.TrainingIdentity(s.Node.Recommender.Settings.Kind), StringComparer.Ordinal))
            {
                string name = ModelFolder.SaeName(node.Recommender.Dataset, node.Recommender.Settings, node.Settings, node.Seed);
                var clock = Stopwatch.StartNew();
                long bytes = ModelFolder.WriteSae(Path.Combine(folder.Staging, name), sae, node.Settings, node.Seed, recommenders[node.Recommender], session.Data(node.Recommender.Dataset), session.SplitSettings);
                written.Add(new ExportedFolder(name, "SAE", bytes, clock.Elapsed.TotalSeconds));
            }
        }
        folder.Commit();
        return written;
    }

    private static string Summary(IReadOnlyList<ExportedFolder> written)
    {
        var table = new MarkdownTable("model folder", "kind", "bytes", "write + verify s");
        foreach (var w in written)
        {
            table.Add(w.Name, w.Kind, w.Bytes, w.Seconds.ToString("0.000", CultureInfo.InvariantCulture));
        }
        return "Exported models (each: config.json, model.safetensors; a recommender also users.csv, items.csv):\n\n" + table;
    }
}
