namespace Repro.Data;

/// <summary>
/// A dataset's identity: the catalogue's MovieLens-1M and Last.FM, the planted synthetic set, or a user's folder by the
/// short name it goes by. A type of its own, so a dataset is never confused with a preset family or a file name, and
/// compared by its exact text.
/// </summary>
/// <param name="Value">The name as printed and keyed ("ml-1m", "lastfm", "synthetic", a user's folder name).</param>
public readonly record struct DatasetName(string Value) : IComparable<DatasetName>
{
    /// <summary>MovieLens-1M ("ml-1m").</summary>
    public static DatasetName Ml1m { get; } = new("ml-1m");

    /// <summary>HetRec 2011 Last.FM ("lastfm").</summary>
    public static DatasetName LastFm { get; } = new("lastfm");

    /// <summary>The planted synthetic set ("synthetic").</summary>
    public static DatasetName Synthetic { get; } = new("synthetic");

    /// <summary>The name as printed and keyed.</summary>
    public string Value { get; } = string.IsNullOrWhiteSpace(Value) ? throw new ArgumentException("A dataset name is not empty.", nameof(Value)) : Value;

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public int CompareTo(DatasetName other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Whether this is one of <paramref name="names"/> (the paper's datasets, a run's list).</summary>
    public bool IsOneOf(IEnumerable<DatasetName> names) => names?.Contains(this) ?? false;

    /// <summary>Orders by name.</summary>
    public static bool operator <(DatasetName left, DatasetName right) => left.CompareTo(right) < 0;

    /// <summary>Orders by name.</summary>
    public static bool operator <=(DatasetName left, DatasetName right) => left.CompareTo(right) <= 0;

    /// <summary>Orders by name.</summary>
    public static bool operator >(DatasetName left, DatasetName right) => left.CompareTo(right) > 0;

    /// <summary>Orders by name.</summary>
    public static bool operator >=(DatasetName left, DatasetName right) => left.CompareTo(right) >= 0;
}

/// <summary>Whose recommender and SAE presets train a dataset's cells (SPEC §3–§4, and the planted set's small ones).</summary>
public enum PresetFamily
{
    /// <summary>The paper's MovieLens-1M settings (K = 20, m = 22, …).</summary>
    Ml1m,

    /// <summary>The paper's Last.FM settings (K = 100, m = 70, …).</summary>
    LastFm,

    /// <summary>The planted set's small, fast models (<c>--presets quick</c>).</summary>
    Quick,
}

/// <summary>The preset families as the command line names them.</summary>
public static class PresetFamilies
{
    /// <summary>Every family, in the order the command line lists them.</summary>
    public static IReadOnlyList<PresetFamily> All { get; } = [PresetFamily.Ml1m, PresetFamily.LastFm, PresetFamily.Quick];

    /// <summary>The <c>--presets</c> value of a family: "ml-1m", "lastfm", "quick".</summary>
    public static string OptionName(this PresetFamily family) => family switch
    {
        PresetFamily.Ml1m => "ml-1m",
        PresetFamily.LastFm => "lastfm",
        PresetFamily.Quick => "quick",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Expected ml-1m, lastfm or quick."),
    };

    /// <summary>The family an option value names; throws naming the valid values.</summary>
    public static PresetFamily Parse(string option)
    {
        foreach (var family in All)
        {
            if (family.OptionName() == option)
            {
                return family;
            }
        }
        throw new ArgumentException($"Unknown presets '{option}': expected {string.Join(", ", All.Select(OptionName))}.", nameof(option));
    }
}
