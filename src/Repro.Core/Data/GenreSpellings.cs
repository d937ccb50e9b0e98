namespace Repro.Data;

/// <summary>
/// The genres of a user's movies file, one genre per name whatever its case: "Drama" and "drama" are one genre, spelled
/// as the movies file first writes it (file order, so the choice never depends on a hash order). The paper's ML-1M
/// lists its 18 genres by exact name and does not use this.
/// </summary>
internal sealed class GenreSpellings
{
    private readonly Dictionary<string, string> _first = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _merged = [];

    /// <summary>"drama → Drama" for every later spelling that was merged into an earlier one, in file order.</summary>
    public IReadOnlyList<string> Merged => _merged;

    /// <summary>
    /// The distinct genres of a <c>|</c>-separated genres field, each in its first spelling; <see cref="MovieLensFolder.NoGenres"/>
    /// (any case) and empty names are none.
    /// </summary>
    public string[] Split(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var genres = new List<string>();
        foreach (string g in field.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(g, MovieLensFolder.NoGenres, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!_first.TryGetValue(g, out string? spelling))
            {
                _first[g] = spelling = g;
            }
            else if (!string.Equals(g, spelling, StringComparison.Ordinal) && !_merged.Contains(g + " → " + spelling))
            {
                _merged.Add(g + " → " + spelling);
            }
            if (!genres.Contains(spelling))
            {
                genres.Add(spelling);
            }
        }
        return [.. genres];
    }
}
