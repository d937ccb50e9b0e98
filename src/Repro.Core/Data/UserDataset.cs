using System.Text;

namespace Repro.Data;

/// <summary>
/// A dataset the suite has never seen, given on the command line as <c>movielens:DIR</c>: a folder in either
/// MovieLens layout (<see cref="MovieLensFolder"/>), the short name it goes by in the report and the model cache, and
/// whose presets train its models.
/// </summary>
/// <param name="Name">Short name: the folder's name, made file-name safe, never one of the catalogue's names.</param>
/// <param name="Directory">The folder, as an absolute path.</param>
/// <param name="Presets">Whose recommender and SAE settings train it: "ml-1m" (default), "lastfm" or "synthetic" (small, fast).</param>
public sealed record UserDataset(string Name, string Directory, string Presets = "ml-1m")
{
    /// <summary>The only format prefix so far.</summary>
    public const string MovieLensPrefix = "movielens:";

    /// <summary>The preset families a user's dataset can be trained with.</summary>
    public static IReadOnlyList<string> PresetFamilies { get; } = ["ml-1m", "lastfm", "synthetic"];

    /// <summary>
    /// Parses <c>movielens:DIR</c>. The name is the folder's name (letters, digits, '-', '_', '.'); a name the
    /// catalogue or an earlier entry in <paramref name="taken"/> already uses gets "-user" (then a number) appended.
    /// </summary>
    public static UserDataset Parse(string spec, string presets = "ml-1m", IReadOnlyCollection<string>? taken = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.StartsWith(MovieLensPrefix, StringComparison.OrdinalIgnoreCase) || spec.Length == MovieLensPrefix.Length)
        {
            throw new ArgumentException($"Expected {MovieLensPrefix}DIR (a folder in a MovieLens layout), got '{spec}'.", nameof(spec));
        }
        if (!PresetFamilies.Contains(presets))
        {
            throw new ArgumentException($"Unknown presets '{presets}': expected {string.Join(", ", PresetFamilies)}.", nameof(presets));
        }
        string dir = Path.GetFullPath(spec[MovieLensPrefix.Length..]);
        string folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        var safe = new StringBuilder();
        foreach (char c in folder)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }
        string name = safe.Length == 0 ? "movielens" : safe.ToString();
        var used = new HashSet<string>(Datasets.Names, StringComparer.OrdinalIgnoreCase);
        used.UnionWith(taken ?? []);
        string unique = used.Contains(name) ? name + "-user" : name;
        for (int k = 2; used.Contains(unique); k++)
        {
            unique = name + "-user" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new UserDataset(unique, dir, presets);
    }

    /// <summary>The <c>--presets</c> value that names <see cref="Presets"/> on the command line: "quick" for the planted set's "synthetic" presets.</summary>
    public string PresetsOption => Presets == "synthetic" ? "quick" : Presets;

    /// <summary>Reads the folder (<see cref="MovieLensFolder.Load"/>), telling <paramref name="progress"/> how far it got.</summary>
    public RecDataset Load(Action<string>? progress = null) => MovieLensFolder.Load(Directory, Name, Presets, progress);
}
