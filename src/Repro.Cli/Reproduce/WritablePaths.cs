using Repro.Cli.Report;

namespace Repro.Cli.Reproduce;

/// <summary>
/// Checks every folder a run will write (the model cache, the report folder) before the first training, so an unusable
/// path is refused in a second instead of after an hour of training whose models would be lost.
/// </summary>
internal static class WritablePaths
{
    /// <summary>One line per unusable path (empty when every path can be written).</summary>
    public static IReadOnlyList<string> Problems(ReproduceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (CacheProblem(options.CacheDirectory ?? RepoPaths.ModelCache) is { } cache)
        {
            problems.Add(cache);
        }
        if (ReportFolder.Problem(options.Output) is { } report)
        {
            problems.Add(report);
        }
        return problems;
    }

    /// <summary>Why trained models could not be saved in <paramref name="cacheDirectory"/>, or null when they can.</summary>
    public static string? CacheProblem(string cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(cacheDirectory);
        string dir = Path.GetFullPath(cacheDirectory);
        const string Fix = "choose another with --cache-dir DIR or env REPRO_CACHE_DIR";
        if (File.Exists(dir))
        {
            return $"the model cache {dir} is a file, not a folder; {Fix}.";
        }
        try
        {
            Directory.CreateDirectory(dir);
            string probe = Path.Combine(dir, $".probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the model cache {dir} ({e.Message}); {Fix}.";
        }
        return null;
    }
}
