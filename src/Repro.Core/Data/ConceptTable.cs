namespace Repro.Data;

/// <summary>
/// Named concepts over the catalogue (genres, tags, decades, tag families): each item carries zero or more.
/// </summary>
public sealed class ConceptTable
{
    private readonly bool[][] _has; // [concept][item]

    /// <summary>Builds the table from each item's concept indices.</summary>
    public ConceptTable(string kind, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<int>> itemConcepts)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(itemConcepts);
        Kind = kind;
        Names = names;
        ItemCount = itemConcepts.Count;
        _has = new bool[names.Count][];
        for (int c = 0; c < names.Count; c++)
        {
            _has[c] = new bool[ItemCount];
        }
        for (int i = 0; i < ItemCount; i++)
        {
            foreach (int c in itemConcepts[i])
            {
                if (c < 0 || c >= names.Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(itemConcepts), $"Item {i} names concept {c}, but the table has {names.Count} concepts.");
                }
                _has[c][i] = true;
            }
        }
    }

    /// <summary>What the concepts are ("genre", "tag", "decade", "tag family").</summary>
    public string Kind { get; }

    /// <summary>Concept names, in table order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of items in the catalogue.</summary>
    public int ItemCount { get; }

    /// <summary>Number of concepts.</summary>
    public int Count => Names.Count;

    /// <summary>Whether item <paramref name="item"/> carries concept <paramref name="concept"/>.</summary>
    public bool Has(int item, int concept) => _has[concept][item];

    /// <summary>Index of a concept by name (ordinal, case-insensitive); -1 if absent.</summary>
    public int IndexOf(string name)
    {
        for (int c = 0; c < Names.Count; c++)
        {
            if (string.Equals(Names[c], name, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>Share of the catalogue carrying the concept.</summary>
    public double BaseRate(int concept)
    {
        int n = 0;
        foreach (bool b in _has[concept])
        {
            n += b ? 1 : 0;
        }
        return ItemCount == 0 ? 0 : (double)n / ItemCount;
    }

    /// <summary>The concept indices an item carries.</summary>
    public IEnumerable<int> ConceptsOf(int item)
    {
        for (int c = 0; c < Names.Count; c++)
        {
            if (_has[c][item])
            {
                yield return c;
            }
        }
    }
}
