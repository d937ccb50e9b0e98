namespace Repro.Data;

/// <summary>SHA-256 of one input file, recorded in every table the file helped produce.</summary>
public sealed record FileFingerprint(string Name, string Sha256, long Bytes);

/// <summary>
/// A binarised implicit-feedback dataset: users and items as dense indices, each user's interacted items,
/// concepts over items, popularity, and optional user attributes. Everything after loading depends only on this.
/// </summary>
public sealed class RecDataset
{
    /// <summary>Creates a dataset; <paramref name="userItems"/> must hold sorted, distinct item indices per user.</summary>
    public RecDataset(
        DatasetName name,
        int itemCount,
        int[][] userItems,
        IReadOnlyList<string> itemLabels,
        IReadOnlyList<ConceptTable> conceptTables,
        IReadOnlyList<FileFingerprint> files,
        int[]? userExternalIds = null,
        int[]? itemExternalIds = null,
        int[]? userAgeCodes = null,
        char[]? userGenders = null)
    {
        ArgumentNullException.ThrowIfNull(userItems);
        ArgumentNullException.ThrowIfNull(itemLabels);
        Name = name;
        ItemCount = itemCount;
        UserItems = userItems;
        ItemLabels = itemLabels;
        ConceptTables = conceptTables;
        Files = files;
        UserExternalIds = userExternalIds ?? Enumerable.Range(0, userItems.Length).ToArray();
        ItemExternalIds = itemExternalIds ?? Enumerable.Range(0, itemCount).ToArray();
        UserAgeCodes = userAgeCodes;
        UserGenders = userGenders;

        ItemPopularity = new int[itemCount];
        long total = 0;
        foreach (int[] items in userItems)
        {
            for (int k = 0; k < items.Length; k++)
            {
                if (items[k] < 0 || items[k] >= itemCount)
                {
                    throw new ArgumentException($"Item index {items[k]} outside 0..{itemCount - 1}.", nameof(userItems));
                }
                if (k > 0 && items[k] <= items[k - 1])
                {
                    throw new ArgumentException("Each user's items must be sorted and distinct.", nameof(userItems));
                }
                ItemPopularity[items[k]]++;
            }
            total += items.Length;
        }
        InteractionCount = total;
        // Rank 0 = most popular; ties broken by the lower item index so the rank is deterministic.
        int[] order = Enumerable.Range(0, itemCount).OrderByDescending(i => ItemPopularity[i]).ThenBy(i => i).ToArray();
        PopularityRank = new int[itemCount];
        for (int r = 0; r < order.Length; r++)
        {
            PopularityRank[order[r]] = r;
        }
    }

    /// <summary>Short name ("ml-1m", "lastfm", "synthetic", a user's folder).</summary>
    public DatasetName Name { get; }

    /// <summary>The dataset's analysis constants and presets; set by its loader, else the generic profile (ML-1M-free rules, synthetic presets).</summary>
    public DatasetProfile Profile
    {
        get => _profile ??= DatasetProfile.Other(PresetFamily.Quick, ItemCount);
        init => _profile = value;
    }

    private DatasetProfile? _profile;

    /// <summary>Number of users.</summary>
    public int UserCount => UserItems.Length;

    /// <summary>Number of items.</summary>
    public int ItemCount { get; }

    /// <summary>Total interactions.</summary>
    public long InteractionCount { get; }

    /// <summary>Interactions / (users × items).</summary>
    public double Density => (double)InteractionCount / ((double)UserCount * ItemCount);

    /// <summary>Per user, the interacted item indices in ascending order.</summary>
    public int[][] UserItems { get; }

    /// <summary>Human-readable item names (movie title, artist name).</summary>
    public IReadOnlyList<string> ItemLabels { get; }

    /// <summary>Concept tables; the first is the primary one (ML-1M genres, Last.FM tags).</summary>
    public IReadOnlyList<ConceptTable> ConceptTables { get; }

    /// <summary>The primary concept table.</summary>
    public ConceptTable Concepts => ConceptTables[0];

    /// <summary>A concept table by kind; throws naming the available kinds.</summary>
    public ConceptTable Table(string kind) =>
        ConceptTables.FirstOrDefault(t => t.Kind == kind)
        ?? throw new KeyNotFoundException($"Dataset '{Name}' has no '{kind}' concepts (has: {string.Join(", ", ConceptTables.Select(t => t.Kind))}).");

    /// <summary>Input files and their SHA-256 (empty for generated data).</summary>
    public IReadOnlyList<FileFingerprint> Files { get; }

    /// <summary>The original user ids (e.g. ML-1M UserID) by dense index.</summary>
    public int[] UserExternalIds { get; }

    /// <summary>The original item ids (e.g. ML-1M MovieID) by dense index.</summary>
    public int[] ItemExternalIds { get; }

    /// <summary>ML-1M age code per user (1 = under 18), if known.</summary>
    public int[]? UserAgeCodes { get; }

    /// <summary>Gender per user ('M'/'F'), if known.</summary>
    public char[]? UserGenders { get; }

    /// <summary>Number of users who interacted with each item.</summary>
    public int[] ItemPopularity { get; }

    /// <summary>Popularity rank per item, 0 = most popular.</summary>
    public int[] PopularityRank { get; }

    /// <summary>One string naming the data: the SHA-256 prefixes of the input files (or the generator settings).</summary>
    public string Fingerprint =>
        Files.Count == 0 ? Name.Value : string.Join(";", Files.Select(f => $"{f.Name}:{f.Sha256[..12]}"));
}
