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
        string cacheDirectory = options.CacheDirectory ?? RepoPaths.ModelCache;
        // The checks that create nothing come first: a run they refuse leaves no folder behind.
        if (OverlapProblem(options.Output, cacheDirectory) is { } overlap)
        {
            return [overlap];
        }
        if (ReportFolder.LinkProblem(options.Output) is { } link)
        {
            return [link];
        }
        var problems = new List<string>();
        if (CacheProblem(cacheDirectory) is { } cache)
        {
            problems.Add(cache);
        }
        if (ReportFolder.Problem(options.Output) is { } report)
        {
            problems.Add(report);
        }
        return problems;
    }

    /// <summary>
    /// Why the report folder and the model cache collide (the same folder, or either inside the other), or null when
    /// they are apart. The report replaces its whole folder when it is swapped in, so a cache inside it would lose every
    /// trained model on every run; a report inside the cache would put the report's files among the checkpoints.
    /// </summary>
    public static string? OverlapProblem(string output, string cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cacheDirectory);
        // Compared with every link followed; named as given (made absolute), with the resolved folder where links led elsewhere.
        string report = FolderPaths.Real(output), cache = FolderPaths.Real(cacheDirectory);
        string reportName = Shown(output, report), cacheName = Shown(cacheDirectory, cache);
        const string Fix = "give them separate folders, neither inside the other (--output DIR, --cache-dir DIR or env REPRO_CACHE_DIR)";
        if (FolderPaths.IsSameOrInside(cache, report) && FolderPaths.IsSameOrInside(report, cache))
        {
            return $"the report folder {reportName} (--output) and the model cache {cacheName} (--cache-dir) are the same folder: writing the report replaces that whole folder and would delete every trained model; {Fix}.";
        }
        if (FolderPaths.IsSameOrInside(cache, report))
        {
            return $"the model cache {cacheName} (--cache-dir) is inside the report folder {reportName} (--output): writing the report replaces that whole folder and would delete every trained model; {Fix}.";
        }
        if (FolderPaths.IsSameOrInside(report, cache))
        {
            return $"the report folder {reportName} (--output) is inside the model cache {cacheName} (--cache-dir): the report would be written among the checkpoints; {Fix}.";
        }
        return null;
    }

    private static string Shown(string given, string real)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
        return full == real ? full : $"{full} (= {real})";
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
            FolderPaths.ProbeWrite(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the model cache {dir} ({e.Message}); {Fix}.";
        }
        return null;
    }
}
