using System.Xml.Linq;

namespace Repro.Data;

/// <summary>One entry of the dataset catalogue: the folder under <c>data/</c> and the member files it must hold.</summary>
/// <param name="Name">Catalogue name ("ml-1m", "lastfm", "synthetic").</param>
/// <param name="Folder">Folder under <see cref="RepoPaths.Data"/> (empty for generated data).</param>
/// <param name="Members">Member files the loader reads.</param>
/// <param name="Archive">The official archive the build fetches (empty for generated data).</param>
public sealed record DatasetEntry(DatasetName Name, string Folder, IReadOnlyList<string> Members, string Archive)
{
    /// <summary>Every file the build puts in the folder (the loader's members and the archive's README), from the catalogue.</summary>
    public IReadOnlyList<string> Files { get; init; } = Members;

    /// <summary>The official archive's pinned SHA-256 (empty for generated data).</summary>
    public string ArchiveSha256 { get; init; } = "";

    /// <summary>Pinned SHA-256 of each member of the offline mirror, by file name.</summary>
    public IReadOnlyDictionary<string, string> MirrorSha256 { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The catalogue: loads a dataset by name from <see cref="RepoPaths.Data"/> (filled by <c>dotnet build</c>, see
/// build/Datasets.targets) and checks a real copy structurally, so a truncated copy never produces results. The real
/// datasets' folders, archives and hashes are read from build/Datasets.props (embedded in this assembly), the one
/// catalogue the build's fetch reads too.
/// </summary>
public static class Datasets
{
    private static readonly Dictionary<string, XElement> Catalogue = ReadCatalogue();

    /// <summary>MovieLens-1M.</summary>
    public static DatasetEntry Ml1m { get; } = FromCatalogue(DatasetName.Ml1m, MovieLens1M.MemberFiles);

    /// <summary>HetRec 2011 Last.FM.</summary>
    public static DatasetEntry LastFmEntry { get; } = FromCatalogue(DatasetName.LastFm, LastFm.MemberFiles);

    /// <summary>The planted synthetic set (generated, always available offline).</summary>
    public static DatasetEntry Synthetic { get; } = new(DatasetName.Synthetic, "", [], "");

    /// <summary>Every entry, in report order.</summary>
    public static IReadOnlyList<DatasetEntry> All { get; } = [Ml1m, LastFmEntry, Synthetic];

    /// <summary>The catalogue names.</summary>
    public static IReadOnlyList<DatasetName> Names { get; } = [.. All.Select(e => e.Name)];

    /// <summary>The catalogue's dataset a command line names (any letter case); throws listing the known names.</summary>
    public static DatasetName Parse(string text) =>
        All.FirstOrDefault(e => string.Equals(e.Name.Value, text, StringComparison.OrdinalIgnoreCase))?.Name
        ?? throw new ArgumentException($"Unknown dataset '{text}'. Known: {string.Join(", ", Names)}.", nameof(text));

    /// <summary>The entry of a catalogue dataset; throws listing the known names.</summary>
    public static DatasetEntry Entry(DatasetName name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException($"Unknown dataset '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Whether the dataset can be loaded now (generated, or every member file present).</summary>
    public static bool IsAvailable(DatasetName name, string? dataDirectory = null) => MissingMembers(name, dataDirectory).Count == 0;

    /// <summary>The member files the loader needs that are not in the dataset's folder (all of them when the folder is absent).</summary>
    public static IReadOnlyList<string> MissingMembers(DatasetName name, string? dataDirectory = null)
    {
        var e = Entry(name);
        string dir = FolderOf(e, dataDirectory);
        return [.. e.Members.Where(m => !File.Exists(Path.Combine(dir, m)))];
    }

    /// <summary>The dataset's folder under <paramref name="dataDirectory"/> (default <see cref="RepoPaths.Data"/>).</summary>
    public static string FolderOf(DatasetEntry entry, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Path.Combine(dataDirectory ?? RepoPaths.Data, entry.Folder);
    }

    /// <summary>
    /// Loads "ml-1m", "lastfm" or "synthetic". A real dataset is read from <c>&lt;data&gt;/&lt;folder&gt;</c> and
    /// verified as the full copy (<see cref="MovieLens1M.Verify"/>, <see cref="LastFm.Verify"/>).
    /// </summary>
    public static RecDataset Load(DatasetName name, string? dataDirectory = null)
    {
        var e = Entry(name);
        if (e == Synthetic)
        {
            return SyntheticDataset.Generate();
        }
        string dir = FolderOf(e, dataDirectory);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException(
                $"Dataset '{e.Name}' is not in {dir}. Run `dotnet build` (it fetches {e.Archive}), or without network point the build " +
                $"at a local copy laid out as <DIR>/{e.Folder}/{{{string.Join(",", e.Files)}}}: `export REPRO_DATASET_MIRROR=<DIR>` " +
                "or `dotnet build -p:DatasetMirror=<DIR>`. The dataset 'synthetic' always works offline.");
        }
        return e == Ml1m
            ? MovieLens1M.Verify(MovieLens1M.Load(dir), dir)
            : LastFm.Verify(LastFm.Load(dir), dir);
    }

    private static Dictionary<string, XElement> ReadCatalogue()
    {
        using var stream = typeof(Datasets).Assembly.GetManifestResourceStream("Repro.Data.Datasets.props")
            ?? throw new InvalidOperationException("The embedded dataset catalogue (build/Datasets.props) is missing from Repro.Core.");
        var doc = XDocument.Load(stream);
        return doc.Descendants().Where(x => x.Name.LocalName == "Dataset")
            .ToDictionary(x => (string)x.Attribute("Include")!, StringComparer.Ordinal);
    }

    // A real dataset from the catalogue; the loader's own member list must be among the catalogue's files.
    private static DatasetEntry FromCatalogue(DatasetName name, IReadOnlyList<string> loaderMembers)
    {
        var x = Catalogue.TryGetValue(name.Value, out var found) ? found
            : throw new InvalidOperationException($"build/Datasets.props has no Dataset '{name}'.");
        string Field(string field) => x.Elements().FirstOrDefault(e => e.Name.LocalName == field)?.Value.Trim() ?? "";
        string[] files = Field("Members").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (loaderMembers.Except(files).FirstOrDefault() is { } stray)
        {
            throw new InvalidOperationException($"build/Datasets.props lists no member {stray} for '{name}', which its loader reads.");
        }
        return new DatasetEntry(name, Field("Folder"), loaderMembers, Field("Url"))
        {
            Files = files,
            ArchiveSha256 = Field("Sha256").ToLowerInvariant(),
            MirrorSha256 = DatasetFetch.ParsePins(Field("MirrorSha256")).ToDictionary(StringComparer.Ordinal),
        };
    }
}
