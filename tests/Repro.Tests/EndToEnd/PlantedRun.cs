using Repro.Experiments;
using Repro.Orchestration;
using Repro.Data;

namespace Repro.Tests.EndToEnd;

/// <summary>
/// One session over the planted synthetic set, shared by the fixtures that run the pipeline on it (so its MF and NCF
/// recommenders and SAEs train once per test run), in a temporary model cache removed when the assembly finishes.
/// </summary>
internal static class PlantedRun
{
    private static readonly Lazy<(ReproductionSession Session, PaperResults Results)> Lazy = new(() =>
    {
        var session = new ReproductionSession(new SessionOptions(CacheDirectory: CacheDirectory), SilentProgress.Instance);
        return (session, new PaperResults(session, [DatasetName.Synthetic]));
    });

    /// <summary>The temporary model cache.</summary>
    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "repro-planted-" + Guid.NewGuid().ToString("N"));

    /// <summary>The session.</summary>
    public static ReproductionSession Session => Lazy.Value.Session;

    /// <summary>The results over the synthetic set (both models).</summary>
    public static PaperResults Results => Lazy.Value.Results;

    /// <summary>Disposes the session and deletes the cache (called once, at the end of the test run).</summary>
    public static void Release()
    {
        if (Lazy.IsValueCreated)
        {
            Lazy.Value.Session.Dispose();
        }
        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, true);
        }
    }
}
