namespace Repro;

/// <summary>Well-known folders of the checkout: found by walking up to Repro.sln, overridable by environment.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The checkout's top folder (holds Repro.sln); env REPRO_ROOT overrides.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Downloaded datasets: <c>data/</c>, or env REPRO_DATA_DIR.</summary>
    public static string Data => Environment.GetEnvironmentVariable("REPRO_DATA_DIR") is { Length: > 0 } d ? d : Path.Combine(Root, "data");

    /// <summary>Approved tables: <c>expected/</c>.</summary>
    public static string Expected => Path.Combine(Root, "expected");

    /// <summary>Trained-model cache: <c>.cache/models</c>, or env REPRO_CACHE_DIR.</summary>
    public static string ModelCache => Environment.GetEnvironmentVariable("REPRO_CACHE_DIR") is { Length: > 0 } d ? d : Path.Combine(Root, ".cache", "models");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("REPRO_ROOT") is { Length: > 0 } env)
        {
            return Path.GetFullPath(env);
        }
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Repro.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"Could not find Repro.sln above '{AppContext.BaseDirectory}' or '{Directory.GetCurrentDirectory()}'; set REPRO_ROOT to the checkout.");
    }
}
