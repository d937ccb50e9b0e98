using NUnit.Framework;
using Repro.Data;
using Repro.Experiments;
using Repro.Orchestration;

namespace Repro.Paper.Tests;

/// <summary>
/// Base of the paper fixtures: every fixture reads the one shared <see cref="PaperResults"/>, so a test run trains
/// each model once (and reuses checkpoints from earlier runs). Without the real datasets the fixtures are ignored
/// with the reason, never silently passed. A result that fails fails alone: the fixtures that read it fail naming
/// the node, the step and the error; every other fixture still compares its tables.
/// </summary>
public abstract class PaperFixture
{
    // One session for the whole test run, on the device of Device.Resolve() (env REPRO_DEVICE).
    private static readonly Lazy<PaperResults> SharedResults = new(() =>
        new PaperResults(new ReproductionSession(new SessionOptions(Device: Device.Resolve()), SilentProgress.Instance)));

    /// <summary>The shared results.</summary>
    protected static PaperResults Results => SharedResults.Value;

    /// <summary>A paper cell by dataset and model.</summary>
    protected static PaperSetting Cell(DatasetName dataset, Repro.Recommenders.RecommenderKind model) => PaperSetting.For(dataset, model);

    // Every result computed once, side by side on every core (the memo makes each model once whatever the order).
    private static readonly Lazy<bool> Computed = new(() =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = Results;
        var failures = results.ComputeAll(seeds: results.LedgerSeeds);
        // Where the time went: every model of every seed, trained or reused, with its cost, in the test log and in
        // TestResults/paper-model-times.md (the folder .ci/run keeps).
        var timings = results.LedgerSeeds.SelectMany(s => results.ForSeed(s).Session.Timings).ToList();
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"Paper results for seeds {string.Join(", ", results.LedgerSeeds)}: {clock.Elapsed.TotalSeconds:0} s; {timings.Count(t => !t.Cached)} models trained ({timings.Where(t => !t.Cached).Sum(t => t.CpuSeconds):0} CPU s), {timings.Count(t => t.Cached)} reused\n");
        foreach (var t in timings.Where(t => !t.Cached).OrderByDescending(t => t.CpuSeconds))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {t.CpuSeconds,7:0.0} CPU s {t.WallSeconds,7:0.0} wall s  {t.Label}\n");
        }
        foreach (var f in failures)
        {
            // Each fixture that reads a failed result fails with this, naming the node; the rest still run.
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"FAILED step '{f.Step}': {f.Error.Message.Split('\n')[0]}\n");
        }
        TestContext.Progress.Write(text.ToString());
        string dir = Path.Combine(RepoPaths.Root, "TestResults");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "paper-model-times.md"), text.ToString());
        return true;
    });

    /// <summary>Ignores the fixture when a real dataset is missing from <c>data/</c>; else computes every result once.</summary>
    [OneTimeSetUp]
    public void RequireRealData()
    {
        foreach (var name in PaperSetting.PaperDatasets)
        {
            if (!Datasets.IsAvailable(name))
            {
                Assert.Ignore($"Dataset '{name}' is not in {RepoPaths.Data}: build with network access, or with REPRO_DATASET_MIRROR=<folder> (see README).");
            }
        }
        _ = Computed.Value;
    }
}
