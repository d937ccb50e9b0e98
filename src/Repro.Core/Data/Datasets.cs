namespace Repro.Data;

/// <summary>One entry of the dataset catalogue: the folder under <c>data/</c> and the member files it must hold.</summary>
/// <param name="Name">Catalogue name ("ml-1m", "lastfm", "synthetic").</param>
/// <param name="Folder">Folder under <see cref="RepoPaths.Data"/> (empty for generated data).</param>
/// <param name="Members">Member files the loader reads.</param>
/// <param name="Archive">The official archive the build fetches (empty for generated data).</param>
public sealed record DatasetEntry(string Name, string Folder, IReadOnlyList<string> Members, string Archive);

/// <summary>
/// The catalogue: loads a dataset by name from <see cref="RepoPaths.Data"/> (filled by <c>dotnet build</c>, see
/// build/Datasets.proj) and checks a real copy structurally, so a truncated mirror never produces results.
/// </summary>
public static class Datasets
{
    /// <summary>MovieLens-1M.</summary>
    public static DatasetEntry Ml1m { get; } = new("ml-1m", "ml-1m", MovieLens1M.MemberFiles, "https://files.grouplens.org/datasets/movielens/ml-1m.zip");

    /// <summary>HetRec 2011 Last.FM.</summary>
    public static DatasetEntry LastFmEntry { get; } = new("lastfm", "hetrec2011-lastfm-2k", LastFm.MemberFiles, "https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip");

    /// <summary>The planted synthetic set (generated, always available offline).</summary>
    public static DatasetEntry Synthetic { get; } = new("synthetic", "", [], "");

    /// <summary>Every entry, in report order.</summary>
    public static IReadOnlyList<DatasetEntry> All { get; } = [Ml1m, LastFmEntry, Synthetic];

    /// <summary>The catalogue names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(e => e.Name)];

    /// <summary>The entry of a name; throws listing the known names.</summary>
    public static DatasetEntry Entry(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown dataset '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Whether the dataset can be loaded now (generated, or every member file present).</summary>
    public static bool IsAvailable(string name, string? dataDirectory = null)
    {
        var e = Entry(name);
        string dir = Path.Combine(dataDirectory ?? RepoPaths.Data, e.Folder);
        return e.Members.Count == 0 || e.Members.All(m => File.Exists(Path.Combine(dir, m)));
    }

    /// <summary>
    /// Loads "ml-1m", "lastfm" or "synthetic". A real dataset is read from <c>&lt;data&gt;/&lt;folder&gt;</c> and
    /// verified as the full copy (<see cref="MovieLens1M.Verify"/>, <see cref="LastFm.Verify"/>).
    /// </summary>
    public static RecDataset Load(string name, string? dataDirectory = null)
    {
        var e = Entry(name);
        if (e == Synthetic)
        {
            return SyntheticDataset.Generate();
        }
        string dir = Path.Combine(dataDirectory ?? RepoPaths.Data, e.Folder);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException(
                $"Dataset '{e.Name}' is not in {dir}. Run `dotnet build` (it fetches {e.Archive}), or without network point the build " +
                $"at a local copy laid out as <DIR>/{e.Folder}/{{{string.Join(",", e.Members)}}}: `export REPRO_DATASET_MIRROR=<DIR>` " +
                "or `dotnet build -p:DatasetMirror=<DIR>`. The dataset 'synthetic' always works offline.");
        }
        return e == Ml1m
            ? MovieLens1M.Verify(MovieLens1M.Load(dir), dir)
            : LastFm.Verify(LastFm.Load(dir), dir);
    }
}
