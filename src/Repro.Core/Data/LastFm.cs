using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Repro.Data;

/// <summary>
/// HetRec 2011 Last.FM (hetrec2011-lastfm-2k) with artists as items, as SPEC §2 decides: listening weight &gt; 0 is an
/// interaction; artists with ≥ 5 listeners, then users with ≥ 10 of the remaining artists (one pass each); concepts =
/// each artist's top-4 genre tags, then the tag families used for purity.
/// </summary>
public static class LastFm
{
    /// <summary>Fewest distinct listeners an artist needs (first pass).</summary>
    public const int MinListenersPerArtist = 5;

    /// <summary>Fewest remaining artists a user needs (second pass).</summary>
    public const int MinArtistsPerUser = 10;

    /// <summary>Tags kept per artist.</summary>
    public const int TagsPerArtist = 4;

    /// <summary>Users of the full dataset after filtering (measured on the official files).</summary>
    public const int ExpectedUsers = 1834;

    /// <summary>Artists of the full dataset after filtering (measured on the official files).</summary>
    public const int ExpectedItems = 2828;

    /// <summary>Member files the loader reads.</summary>
    public static IReadOnlyList<string> MemberFiles { get; } = ["user_artists.dat", "artists.dat", "user_taggedartists.dat", "tags.dat"];

    /// <summary>Data lines (after the header) of each member file of the official copy: a truncated file is caught by its own count.</summary>
    public static IReadOnlyDictionary<string, int> ExpectedRows { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["user_artists.dat"] = 92_834,
        ["artists.dat"] = 17_632,
        ["user_taggedartists.dat"] = 186_479,
        ["tags.dat"] = 11_946,
    };

    /// <summary>Non-genre tags the paper drops (normalised form).</summary>
    public static IReadOnlySet<string> DroppedTags { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "beautiful", "indie", "alternative", "singer_songwriter", "oldies", "alternative_rock", "indie_pop",
        "pop_rock", "ambient", "experimental", "electro", "grunge", "synthpop", "rnb", "seen_live", "favorites",
        "00s", "90s", "80s", "70s", "60s",
    };

    /// <summary>Tag families for purity, in table order.</summary>
    public static IReadOnlyList<string> TagFamilies { get; } = ["metal", "electronic", "folk", "country", "hip_hop", "rock", "pop"];

    private static readonly byte[] Tab = "\t"u8.ToArray();

    /// <summary>Normalises a tag: lower-case, trimmed, spaces and hyphens to underscores.</summary>
    public static string NormalizeTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var sb = new StringBuilder(tag.Trim().ToLowerInvariant());
        sb.Replace(' ', '_').Replace('-', '_');
        return sb.ToString();
    }

    /// <summary>The family of a normalised tag (index into <see cref="TagFamilies"/>), or -1.</summary>
    public static int FamilyOf(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Contains("metal", StringComparison.Ordinal))
        {
            return 0;
        }
        return tag switch
        {
            "electronic" => 1,
            "folk" => 2,
            "country" => 3,
            "hip_hop" or "rap" => 4,
            "rock" => 5,
            "pop" => 6,
            _ => -1,
        };
    }

    /// <summary>Loads the four member files from <paramref name="directory"/>.</summary>
    public static RecDataset Load(string directory)
    {
        var listensFile = DataFile.Read(directory, "user_artists.dat", "userID\\tartistID\\tweight lines");
        var artistsFile = DataFile.Read(directory, "artists.dat", "id\\tname\\turl\\tpictureURL lines (UTF-8)");
        var taggedFile = DataFile.Read(directory, "user_taggedartists.dat", "userID\\tartistID\\ttagID\\tday\\tmonth\\tyear lines");
        var tagsFile = DataFile.Read(directory, "tags.dat", "tagID\\ttagValue lines (ISO-8859-1)");

        var names = ReadArtists(artistsFile);
        var listens = ReadListens(listensFile, names);

        // Pass 1: artists with enough distinct listeners.
        var listeners = new Dictionary<int, int>();
        foreach (var (_, a) in listens)
        {
            listeners[a] = listeners.GetValueOrDefault(a) + 1;
        }
        int[] artistIds = listeners.Where(kv => kv.Value >= MinListenersPerArtist).Select(kv => kv.Key).Order().ToArray();
        var itemOf = new Dictionary<int, int>(artistIds.Length);
        for (int i = 0; i < artistIds.Length; i++)
        {
            itemOf[artistIds[i]] = i;
        }

        // Pass 2: users with enough remaining artists.
        var byUser = new SortedDictionary<int, List<int>>();
        foreach (var (u, a) in listens)
        {
            if (itemOf.TryGetValue(a, out int item))
            {
                if (!byUser.TryGetValue(u, out var list))
                {
                    byUser[u] = list = [];
                }
                list.Add(item);
            }
        }
        var userIds = new List<int>();
        var userItems = new List<int[]>();
        foreach (var (u, list) in byUser)
        {
            if (list.Count >= MinArtistsPerUser)
            {
                userIds.Add(u);
                userItems.Add(list.Order().ToArray());
            }
        }

        var (vocabulary, itemTags) = TopTags(taggedFile, ReadTags(tagsFile), itemOf, artistIds.Length);
        var itemFamilies = new IReadOnlyList<int>[artistIds.Length];
        for (int i = 0; i < artistIds.Length; i++)
        {
            itemFamilies[i] = itemTags[i].Select(t => FamilyOf(vocabulary[t])).Where(f => f >= 0).Distinct().Order().ToArray();
        }

        return new RecDataset(
            DatasetName.LastFm,
            artistIds.Length,
            userItems.ToArray(),
            artistIds.Select(a => names[a]).ToArray(),
            [new ConceptTable("tag", vocabulary, itemTags), new ConceptTable("tag family", TagFamilies, itemFamilies)],
            [listensFile.Fingerprint(), artistsFile.Fingerprint(), taggedFile.Fingerprint(), tagsFile.Fingerprint()],
            userIds.ToArray(),
            artistIds)
        {
            Profile = DatasetProfile.LastFm,
        };
    }

    /// <summary>
    /// Structural check of a full copy: every member file's line count, then the filtered size, as measured on the
    /// official files. A truncated or altered copy fails here with a <see cref="DatasetFormatException"/> naming the file;
    /// small test fixtures are loaded without it.
    /// </summary>
    public static RecDataset Verify(RecDataset data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        const string Fix = "the copy may be truncated or altered — delete the folder and rebuild to fetch it again";
        foreach (var (name, expected) in ExpectedRows)
        {
            string path = Path.Combine(directory, name);
            int rows = DataRows(File.ReadAllBytes(path));
            if (rows != expected)
            {
                throw new DatasetFormatException(
                    path,
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"{expected:N0} data lines after the header (the full HetRec Last.FM); {Fix}"),
                    string.Create(CultureInfo.InvariantCulture, $"{rows:N0} data lines"));
            }
        }
        if (data.UserCount != ExpectedUsers || data.ItemCount != ExpectedItems)
        {
            throw new DatasetFormatException(
                Path.Combine(directory, "user_artists.dat"),
                null,
                string.Create(CultureInfo.InvariantCulture, $"the full HetRec Last.FM ({ExpectedUsers} users × {ExpectedItems} artists after filtering); {Fix}"),
                string.Create(CultureInfo.InvariantCulture, $"{data.UserCount} users × {data.ItemCount} artists"));
        }
        return data;
    }

    // Non-blank lines after the first (the header).
    private static int DataRows(byte[] bytes)
    {
        int rows = 0, start = 0;
        bool header = true;
        while (start < bytes.Length)
        {
            int nl = Array.IndexOf(bytes, (byte)'\n', start);
            int end = nl < 0 ? bytes.Length : nl;
            bool blank = end == start || (end == start + 1 && bytes[start] == (byte)'\r');
            if (!blank)
            {
                if (header)
                {
                    header = false;
                }
                else
                {
                    rows++;
                }
            }
            start = end + 1;
        }
        return rows;
    }

    // One-shot parse loops: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<int, string> ReadArtists(DataFile file)
    {
        var names = new Dictionary<int, string>();
        Span<Range> f = stackalloc Range[4];
        var lines = file.Lines();
        SkipHeader(ref lines, file, "id");
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            if (DataFile.Fields(line, Tab, f) < 2)
            {
                throw file.Error(no, "id<TAB>name<TAB>url<TAB>pictureURL", DataFile.Latin1(line));
            }
            int id = file.Int(line[f[0]], no, "a numeric artist id");
            string name = file.Utf8(line[f[1]], no);
            if (!names.TryAdd(id, name))
            {
                throw file.Error(no, "each artist id once", id.ToString(CultureInfo.InvariantCulture));
            }
            // The URLs are not used, but a file that is not UTF-8 should not pass because of where the bad bytes are.
            file.Utf8(line, no);
        }
        if (names.Count == 0)
        {
            throw file.Error(null, "at least one artist line after the header");
        }
        return names;
    }

    // One-shot parse loops: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<(int User, int Artist)> ReadListens(DataFile file, Dictionary<int, string> artists)
    {
        var rows = new List<(int, int)>();
        var seen = new HashSet<long>();
        Span<Range> f = stackalloc Range[4];
        var lines = file.Lines();
        SkipHeader(ref lines, file, "userID");
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            if (DataFile.Fields(line, Tab, f) != 3)
            {
                throw file.Error(no, "userID<TAB>artistID<TAB>weight (3 fields)", DataFile.Latin1(line));
            }
            int user = file.Int(line[f[0]], no, "a numeric userID");
            int artist = file.Int(line[f[1]], no, "a numeric artistID");
            // The official weights are play counts from 1 up; NaN, a negative or zero weight is a damaged line, not a
            // non-listen to drop silently (Int rejects anything but digits).
            int weight = file.Int(line[f[2]], no, "a positive whole listening weight (a play count)");
            if (weight <= 0)
            {
                throw file.Error(no, "a positive whole listening weight (a play count)", weight.ToString(CultureInfo.InvariantCulture));
            }
            if (!artists.ContainsKey(artist))
            {
                throw file.Error(no, "an artistID listed in artists.dat", artist.ToString(CultureInfo.InvariantCulture));
            }
            if (!seen.Add(((long)user << 32) | (uint)artist))
            {
                throw file.Error(no, "each (userID, artistID) pair once", DataFile.Latin1(line));
            }
            rows.Add((user, artist));
        }
        if (rows.Count == 0)
        {
            throw file.Error(null, "at least one listening line after the header");
        }
        return rows;
    }

    // One-shot parse loops: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<int, string> ReadTags(DataFile file)
    {
        var tags = new Dictionary<int, string>();
        Span<Range> f = stackalloc Range[3];
        var lines = file.Lines();
        SkipHeader(ref lines, file, "tagID");
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            if (DataFile.Fields(line, Tab, f) != 2)
            {
                throw file.Error(no, "tagID<TAB>tagValue (2 fields)", DataFile.Latin1(line));
            }
            int id = file.Int(line[f[0]], no, "a numeric tagID");
            if (!tags.TryAdd(id, NormalizeTag(DataFile.Latin1(line[f[1]]))))
            {
                throw file.Error(no, "each tagID once", id.ToString(CultureInfo.InvariantCulture));
            }
        }
        if (tags.Count == 0)
        {
            throw file.Error(null, "at least one tag line after the header");
        }
        return tags;
    }

    // One-shot parse loops: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (string[] Vocabulary, IReadOnlyList<int>[] ItemTags) TopTags(
        DataFile file, Dictionary<int, string> tags, Dictionary<int, int> itemOf, int itemCount)
    {
        // Count assignments per (artist, normalised tag) over every user's tagging: a tag is an artist property.
        var counts = new Dictionary<(int Item, string Tag), int>();
        Span<Range> f = stackalloc Range[7];
        var lines = file.Lines();
        SkipHeader(ref lines, file, "userID");
        bool any = false;
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            if (DataFile.Fields(line, Tab, f) != 6)
            {
                throw file.Error(no, "userID<TAB>artistID<TAB>tagID<TAB>day<TAB>month<TAB>year (6 fields)", DataFile.Latin1(line));
            }
            file.Int(line[f[0]], no, "a numeric userID");
            int artist = file.Int(line[f[1]], no, "a numeric artistID");
            int tagId = file.Int(line[f[2]], no, "a numeric tagID");
            any = true;
            if (!tags.TryGetValue(tagId, out string? tag))
            {
                throw file.Error(no, "a tagID listed in tags.dat", tagId.ToString(CultureInfo.InvariantCulture));
            }
            if (tag.Length == 0 || DroppedTags.Contains(tag) || !itemOf.TryGetValue(artist, out int item))
            {
                continue;
            }
            counts[(item, tag)] = counts.GetValueOrDefault((item, tag)) + 1;
        }
        if (!any)
        {
            throw file.Error(null, "at least one tagging line after the header");
        }

        var perItem = new List<(string Tag, int Count)>[itemCount];
        foreach (var ((item, tag), n) in counts)
        {
            (perItem[item] ??= []).Add((tag, n));
        }
        var top = new string[itemCount][];
        var vocabulary = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < itemCount; i++)
        {
            top[i] = perItem[i] is null
                ? []
                : perItem[i].OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal).Take(TagsPerArtist).Select(t => t.Tag).ToArray();
            vocabulary.UnionWith(top[i]);
        }
        string[] vocab = vocabulary.ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int t = 0; t < vocab.Length; t++)
        {
            index[vocab[t]] = t;
        }
        var itemTags = new IReadOnlyList<int>[itemCount];
        for (int i = 0; i < itemCount; i++)
        {
            itemTags[i] = top[i].Select(t => index[t]).Order().ToArray();
        }
        return (vocab, itemTags);
    }

    private static void SkipHeader(ref DataFile.LineEnumerator lines, DataFile file, string firstColumn)
    {
        if (!lines.MoveNext())
        {
            throw file.Error(null, $"a header line starting with '{firstColumn}'");
        }
        if (!lines.Current.StartsWith(Encoding.ASCII.GetBytes(firstColumn)))
        {
            throw file.Error(lines.Number, $"a header line starting with '{firstColumn}'", DataFile.Latin1(lines.Current));
        }
    }
}
