using NUnit.Framework;
using Repro.Data;
using Repro.Experiments;

namespace Repro.Paper.Tests;

/// <summary>
/// Base of the paper fixtures: every fixture reads the one shared <see cref="PaperResults"/>, so a test run trains
/// each model once (and reuses checkpoints from earlier runs). Without the real datasets the fixtures are ignored
/// with the reason, never silently passed.
/// </summary>
public abstract class PaperFixture
{
    /// <summary>The shared results.</summary>
    protected static PaperResults Results => PaperResults.Shared;

    /// <summary>A paper cell by dataset and model.</summary>
    protected static PaperSetting Cell(string dataset, string model) => PaperSetting.For(dataset, model);

    // Every result computed once, side by side on every core (the memo makes each model once whatever the order).
    private static readonly Lazy<bool> Computed = new(() =>
    {
        PaperResults.Shared.ComputeAll(seeds: PaperResults.Shared.LedgerSeeds);
        return true;
    });

    /// <summary>Ignores the fixture when a real dataset is missing from <c>data/</c>; else computes every result once.</summary>
    [OneTimeSetUp]
    public void RequireRealData()
    {
        foreach (string name in PaperSetting.PaperDatasets)
        {
            if (!Datasets.IsAvailable(name))
            {
                Assert.Ignore($"Dataset '{name}' is not in {RepoPaths.Data}: build with network access, or with REPRO_DATASET_MIRROR=<folder> (see README).");
            }
        }
        _ = Computed.Value;
    }
}
