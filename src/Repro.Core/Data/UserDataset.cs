using System.Text;

namespace Repro.Data;

/// <summary>
/// A dataset the suite has never seen, given on the command line as <c>movielens:DIR</c>: a folder in either
/// MovieLens layout (<see cref="MovieLensFolder"/>), the short name it goes by in the report and the model cache, and
/// whose presets train its models.
/// </summary>
/// <param name="Name">Short name: the folder's name, made file-name safe, never one of the catalogue's names.</param>
/// <param name="Directory">The folder, as an absolute path.</param>
/// <param name="Presets">Whose recommender and SAE settings train it: ML-1M's (default), Last.FM's or the planted set's small, fast ones.</param>
public sealed record UserDataset(DatasetName Name, string Directory, PresetFamily Presets = PresetFamily.Ml1m)
{
    /// <summary>The only format prefix so far.</summary>
    public const string MovieLensPrefix = "movielens:";

    /// <summary>
    /// Parses <c>movielens:DIR</c>. The name is the folder's name (letters, digits, '-', '_', '.'); a name the
    /// catalogue or an earlier entry in <paramref name="taken"/> already uses gets "-user" (then a number) appended.
    /// </summary>
    public static UserDataset Parse(string spec, PresetFamily presets = PresetFamily.Ml1m, IReadOnlyCollection<DatasetName>? taken = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.StartsWith(MovieLensPrefix, StringComparison.OrdinalIgnoreCase) || spec.Length == MovieLensPrefix.Length)
        {
            throw new ArgumentException($"Expected {MovieLensPrefix}DIR (a folder in a MovieLens layout), got '{spec}'.", nameof(spec));
        }
        if (!Enum.IsDefined(presets))
        {
            throw new ArgumentException($"Unknown presets '{presets}': expected {string.Join(", ", PresetFamilies.All.Select(f => f.OptionName()))}.", nameof(presets));
        }
        string dir = Path.GetFullPath(spec[MovieLensPrefix.Length..]);
        string folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        var safe = new StringBuilder();
        foreach (char c in folder)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }
        string name = safe.Length == 0 ? "movielens" : safe.ToString();
        var used = new HashSet<string>(Datasets.Names.Select(n => n.Value), StringComparer.OrdinalIgnoreCase);
        used.UnionWith((taken ?? []).Select(n => n.Value));
        string unique = used.Contains(name) ? name + "-user" : name;
        for (int k = 2; used.Contains(unique); k++)
        {
            unique = name + "-user" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new UserDataset(new DatasetName(unique), dir, presets);
    }

    /// <summary>The <c>--presets</c> value that names <see cref="Presets"/> on the command line.</summary>
    public string PresetsOption => Presets.OptionName();

    /// <summary>Reads the folder (<see cref="MovieLensFolder.Load"/>), telling <paramref name="progress"/> how far it got.</summary>
    public RecDataset Load(Action<string>? progress = null) => MovieLensFolder.Load(Directory, Name, Presets, progress);
}
