using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Repro.Data;

/// <summary>The two MovieLens file layouts.</summary>
public enum MovieLensLayout
{
    /// <summary>ML-1M/ML-10M: <c>::</c>-separated <c>ratings.dat</c>, <c>movies.dat</c> (ISO-8859-1), optional <c>users.dat</c>.</summary>
    Dat,

    /// <summary>ML-20M/25M/latest: <c>ratings.csv</c>, <c>movies.csv</c> (UTF-8, RFC 4180, header row).</summary>
    Csv,
}

/// <summary>
/// A user's dataset in either MovieLens layout, with the paper's ML-1M preprocessing (SPEC §2): every rating is an
/// interaction, users with at least one rating in ascending UserID, items = the rated movies in ascending MovieID.
/// Concepts come from the files: the genres the files name, and release decades when titles end in "(YYYY)".
/// Unlike the paper's ML-1M, nothing is dropped and no size is expected: the checks are structural.
/// </summary>
public static class MovieLensFolder
{
    /// <summary>Fewest users a folder must hold: the split keeps 20 % as SAE-test users, and audiences are 20 users.</summary>
    public const int MinUsers = 50;

    /// <summary>Fewest rated movies: the analysis ranks top-30 lists and reads every neuron's top items.</summary>
    public const int MinItems = 50;

    /// <summary>Release-decade buckets: ML-1M's, with one more bucket per later decade the titles reach.</summary>
    public static IReadOnlyList<string> BaseDecades => MovieLens1M.Decades;

    /// <summary>Genre names that mean "none" (ML-20M and later write "(no genres listed)").</summary>
    public const string NoGenres = "(no genres listed)";

    private const int ProgressEvery = 5_000_000;

    /// <summary>
    /// Which layout a folder holds (ratings.dat wins when both ratings files are there: <see cref="LayoutNotice"/> says
    /// so); a folder with neither, a path that is a file, or a ratings file that is a folder is a <see cref="DatasetFormatException"/>.
    /// </summary>
    public static MovieLensLayout Detect(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        const string Expected = "a MovieLens folder: ratings.dat and movies.dat (ML-1M/ML-10M layout, users.dat optional) or ratings.csv and movies.csv (ML-20M/25M/latest layout)";
        if (File.Exists(directory))
        {
            throw new DatasetFormatException(directory, null, Expected, "a file, not a folder (give the folder that holds it)");
        }
        if (!Directory.Exists(directory))
        {
            throw new DatasetFormatException(directory, null, Expected + "; the folder does not exist");
        }
        if (File.Exists(Path.Combine(directory, "ratings.dat")))
        {
            return MovieLensLayout.Dat;
        }
        if (File.Exists(Path.Combine(directory, "ratings.csv")))
        {
            return MovieLensLayout.Csv;
        }
        foreach (string name in new[] { "ratings.dat", "ratings.csv" })
        {
            if (Directory.Exists(Path.Combine(directory, name)))
            {
                throw new DatasetFormatException(Path.Combine(directory, name), null, $"the member file {name} to be a file", "a folder of that name");
            }
        }
        throw new DatasetFormatException(directory, null, Expected, string.Join(", ", Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(10)));
    }

    /// <summary>
    /// When a folder holds both layouts, the line that says which one is read and which is ignored (null otherwise), so a
    /// user never wonders which files produced the numbers.
    /// </summary>
    public static string? LayoutNotice(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return File.Exists(Path.Combine(directory, "ratings.dat")) && File.Exists(Path.Combine(directory, "ratings.csv"))
            ? $"{directory} holds both MovieLens layouts: reading ratings.dat and movies.dat (ML-1M layout), ignoring ratings.csv and movies.csv"
            : null;
    }

    /// <summary>
    /// Loads a folder in either layout as <paramref name="name"/>, its models trained with the <paramref name="presets"/>
    /// family's settings ("ml-1m" unless told otherwise); <paramref name="progress"/> hears of each file and of every
    /// 5 million ratings (ML-25M's ratings.csv takes most of a minute).
    /// </summary>
    public static RecDataset Load(string directory, DatasetName name, PresetFamily presets = PresetFamily.Ml1m, Action<string>? progress = null)
    {
        var layout = Detect(directory);
        if (LayoutNotice(directory) is { } notice)
        {
            progress?.Invoke($"{name}: {notice}");
        }
        var moviesFile = layout == MovieLensLayout.Dat
            ? DataFile.Read(directory, "movies.dat", "MovieID::Title::Genres lines (ISO-8859-1)")
            : DataFile.Read(directory, "movies.csv", "a movieId,title,genres header, then one movie a line (UTF-8, RFC 4180 quoting)");
        var ratingsFile = layout == MovieLensLayout.Dat
            ? DataFile.Read(directory, "ratings.dat", "UserID::MovieID::Rating[::Timestamp] lines")
            : DataFile.Read(directory, "ratings.csv", "a userId,movieId,rating[,timestamp] header, then one rating a line");
        DataFile? usersFile = layout == MovieLensLayout.Dat && File.Exists(Path.Combine(directory, "users.dat"))
            ? DataFile.Read(directory, "users.dat", "UserID::Gender::Age::Occupation::Zip lines")
            : null;

        var spellings = new GenreSpellings();
        var movies = layout == MovieLensLayout.Dat ? ReadDatMovies(moviesFile, spellings) : ReadCsvMovies(moviesFile, spellings);
        if (spellings.Merged.Count > 0)
        {
            progress?.Invoke($"{name}: genres that differ only in case are one genre, spelled as first written in {Path.GetFileName(moviesFile.Path)}: {string.Join(", ", spellings.Merged.Take(5))}{(spellings.Merged.Count > 5 ? ", …" : "")}");
        }
        var users = usersFile is null ? null : MovieLens1M.ReadUsers(usersFile);
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{name}: {movies.Count} movies read; reading {Path.GetFileName(ratingsFile.Path)} ({ratingsFile.Bytes.Length / 1048576.0:0} MB)"));
        var ratings = layout == MovieLensLayout.Dat ? ReadDatRatings(ratingsFile, movies, users, progress) : ReadCsvRatings(ratingsFile, movies, progress);
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{name}: {ratings.Users.Count} ratings read; building the interaction lists"));

        var data = Build(name, presets, movies, moviesFile, users, ratings,
            [ratingsFile.Fingerprint(), moviesFile.Fingerprint(), .. usersFile is null ? Array.Empty<FileFingerprint>() : [usersFile.Fingerprint()]], progress);
        if (data.UserCount < MinUsers || data.ItemCount < MinItems)
        {
            throw ratingsFile.Error(null,
                string.Create(CultureInfo.InvariantCulture, $"at least {MinUsers} users and {MinItems} rated movies (the split keeps 20 % of users for the SAE test, audiences are 20 users, lists are top-30)"),
                string.Create(CultureInfo.InvariantCulture, $"{data.UserCount} users × {data.ItemCount} movies"));
        }
        return data;
    }

    /// <summary>The earliest release year a title may carry: the first moving pictures (Muybridge, 1878) are later.</summary>
    public const int FirstYear = 1870;

    /// <summary>The latest release year a title may carry: five years from now (announced films), no further.</summary>
    public static int LastYear => DateTime.UtcNow.Year + 5;

    /// <summary>
    /// The release year of a title ending in "(YYYY)" ("Toy Story (1995)" → 1995), else null; a year outside
    /// <see cref="FirstYear"/>..<see cref="LastYear"/> ("(9999)", "(0042)") is a typo or not a year, so null too.
    /// </summary>
    public static int? YearOf(string title) => TrailingYear(title) is int year && year >= FirstYear && year <= LastYear ? year : null;

    // The four digits of a trailing "(YYYY)", whatever their value.
    private static int? TrailingYear(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        ReadOnlySpan<char> t = title.AsSpan().TrimEnd();
        return t.Length >= 6 && t[^1] == ')' && t[^6] == '(' &&
               int.TryParse(t[^5..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            ? year
            : null;
    }

    /// <summary>The decade bucket of a year: ≤1969, 1970s, 1980s, 1990s, 2000s, then one per later decade.</summary>
    public static string DecadeOf(int year) => year switch
    {
        < 1970 => BaseDecades[0],
        < 2010 => BaseDecades[(year - 1960) / 10],
        _ => string.Create(CultureInfo.InvariantCulture, $"{year / 10 * 10}s"),
    };

    /// <summary>
    /// The intervention plan for a MovieLens genre table, by a rule written down once: ML-1M's grids restricted to the
    /// genres present (suppress Horror and Action plus every genre with a neuron at purity@20 ≥ 0.8; nudge young users
    /// toward Children's when users.dat gives ages; promote to Romance, Children's and Drama fans). Where a grid would
    /// be empty, the most common genres stand in: suppress and promote the commonest, nudge fans of the second
    /// commonest toward the commonest. No given item: "Alice in Wonderland" is an ML-1M MovieID.
    /// </summary>
    public static InterventionPlan PlanFor(ConceptTable genres, bool hasYoungUsers)
    {
        ArgumentNullException.ThrowIfNull(genres);
        string? Find(params string[] names) => names.Select(n => genres.IndexOf(n)).Where(i => i >= 0).Select(i => genres.Names[i]).FirstOrDefault();
        string[] commonest = [.. Enumerable.Range(0, genres.Count)
            .OrderByDescending(genres.BaseRate).ThenBy(c => genres.Names[c], StringComparer.Ordinal).Select(c => genres.Names[c])];
        string? children = Find("Children's", "Children");
        string[] suppress = [.. new[] { Find("Horror"), Find("Action") }.OfType<string>()];
        string[] promote = [.. new[] { Find("Romance"), children, Find("Drama") }.OfType<string>()];
        NudgePlan nudge = hasYoungUsers && children is not null
            ? new("young users (age code 1)", null, children)
            : new(commonest[1] + " fans", commonest[1], commonest[0]);
        return new(
            suppress.Length > 0 ? suppress : [commonest[0]],
            0.8,
            [nudge],
            [.. (promote.Length > 0 ? promote : [commonest[0]]).Select(c => new PromotionPlan(c))]);
    }

    private sealed record Movie(int Id, string Title, string[] Genres);

    private sealed record Ratings(List<int> Users, List<int> Movies);

    private static RecDataset Build(DatasetName name, PresetFamily presets, Dictionary<int, Movie> movies, DataFile moviesFile, MovieLens1M.Users? users, Ratings ratings,
        IReadOnlyList<FileFingerprint> files, Action<string>? progress)
    {
        // Items: rated movies in ascending MovieID; users: users with a rating in ascending UserID.
        var (itemIds, itemOf) = DenseIds(ratings.Movies);
        var (userIds, rowOf) = DenseIds(ratings.Users);

        // Counting sort by user row, then sort and de-duplicate each row: independent of line order.
        int n = ratings.Users.Count;
        var rowOfRating = new int[n];
        var counts = new int[userIds.Length + 1];
        for (int k = 0; k < n; k++)
        {
            rowOfRating[k] = rowOf(ratings.Users[k]);
            counts[rowOfRating[k] + 1]++;
        }
        for (int r = 0; r < userIds.Length; r++)
        {
            counts[r + 1] += counts[r];
        }
        var flat = new int[n];
        var fill = (int[])counts.Clone();
        for (int k = 0; k < n; k++)
        {
            flat[fill[rowOfRating[k]]++] = itemOf(ratings.Movies[k]);
        }
        var userItems = new int[userIds.Length][];
        for (int r = 0; r < userIds.Length; r++)
        {
            Span<int> slice = flat.AsSpan(counts[r], counts[r + 1] - counts[r]);
            slice.Sort();
            int m = 0;
            for (int j = 0; j < slice.Length; j++)
            {
                if (m == 0 || slice[j] != slice[m - 1])
                {
                    slice[m++] = slice[j];
                }
            }
            userItems[r] = slice[..m].ToArray();
        }

        // Concepts from the files: the genres the rated movies carry (ordinal order), decades where titles have a year.
        string[] genreNames = [.. itemIds.SelectMany(id => movies[id].Genres).Distinct().Order(StringComparer.Ordinal)];
        if (genreNames.Length < 2)
        {
            // Before the intervention plan, which needs the two commonest genres.
            throw moviesFile.Error(null, "at least two genres among the rated movies (genres are the concepts the analysis looks for)",
                genreNames.Length == 0 ? $"no genre: every rated movie is {NoGenres} or has an empty genres field" : $"only one genre, {genreNames[0]}");
        }
        var genreIndex = genreNames.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        int?[] years = [.. itemIds.Select(id => YearOf(movies[id].Title))];
        string[] offScale = [.. itemIds.Select(id => movies[id].Title).Where(t => TrailingYear(t) is not null && YearOf(t) is null)];
        if (offScale.Length > 0)
        {
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {offScale.Length} rated title(s) end in a year outside {FirstYear}..{LastYear} (e.g. \"{offScale[0]}\"): they get no decade"));
        }
        var tables = new List<ConceptTable>
        {
            new("genre", genreNames, [.. itemIds.Select(id => (IReadOnlyList<int>)[.. movies[id].Genres.Select(g => genreIndex[g]).Order()])]),
        };
        if (years.Any(y => y is not null))
        {
            // Only the decades some rated movie falls in; the ≤1969 bucket always, because the era analysis (the
            // "golden age" neuron) is defined on it.
            var present = years.OfType<int>().Select(DecadeOf).ToHashSet(StringComparer.Ordinal);
            List<string> decades = [BaseDecades[0], .. BaseDecades.Skip(1).Where(present.Contains)];
            for (int d = 2010; d <= years.Max(y => y ?? 0); d += 10)
            {
                if (present.Contains(DecadeOf(d)))
                {
                    decades.Add(DecadeOf(d));
                }
            }
            tables.Add(new ConceptTable("decade", decades, [.. years.Select(y => (IReadOnlyList<int>)(y is int v ? [decades.IndexOf(DecadeOf(v))] : []))]));
        }

        int[]? ages = users is null ? null : [.. userIds.Select(u => users.Ages[u])];
        char[]? genders = users is null ? null : [.. userIds.Select(u => users.Genders[u])];
        var table = tables[0];
        var plan = PlanFor(table, ages?.Contains(1) == true);
        return new RecDataset(name, itemIds.Length, userItems, [.. itemIds.Select(id => movies[id].Title)], tables, files, userIds, itemIds, ages, genders)
        {
            Profile = DatasetProfile.Other(presets, itemIds.Length, plan),
        };
    }

    // The distinct ids in ascending order and a map from id to its dense index: by array where the largest id is
    // small (MovieLens ids are below a million), else by dictionary (ids are at most 9 digits).
    private static (int[] Ids, Func<int, int> IndexOf) DenseIds(List<int> ids)
    {
        int max = 0;
        foreach (int id in ids)
        {
            max = Math.Max(max, id);
        }
        if (max < 16_000_000)
        {
            var index = new int[max + 1];
            foreach (int id in ids)
            {
                index[id] = 1;
            }
            var dense = new List<int>();
            for (int id = 0; id <= max; id++)
            {
                if (index[id] != 0)
                {
                    index[id] = dense.Count;
                    dense.Add(id);
                }
            }
            return ([.. dense], id => index[id]);
        }
        int[] sorted = [.. ids.Distinct().Order()];
        var map = new Dictionary<int, int>(sorted.Length);
        for (int i = 0; i < sorted.Length; i++)
        {
            map[sorted[i]] = i;
        }
        return (sorted, id => map[id]);
    }

    private static Dictionary<int, Movie> ReadDatMovies(DataFile file, GenreSpellings spellings) =>
        MovieLensDat.ReadMovies(file, (id, title, genres, _) => new Movie(id, title, spellings.Split(genres)));

    private static Dictionary<int, Movie> ReadCsvMovies(DataFile file, GenreSpellings spellings)
    {
        var records = new CsvRecords(file);
        var fields = new List<string>();
        if (!records.Next(fields))
        {
            throw file.Error(1, "a header row movieId,title,genres");
        }
        int idCol = Column(file, fields, "movieId"), titleCol = Column(file, fields, "title"), genresCol = Column(file, fields, "genres");
        int width = fields.Count;
        var byId = new Dictionary<int, Movie>();
        while (records.Next(fields))
        {
            int no = records.Line;
            if (fields.Count != width)
            {
                throw file.Error(no, string.Create(CultureInfo.InvariantCulture, $"{width} fields like the header (quote a title that holds a comma: \"Lion King, The (1994)\")"),
                    string.Join(",", fields));
            }
            if (!int.TryParse(fields[idCol], NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                throw file.Error(no, "a numeric movieId", fields[idCol]);
            }
            if (!byId.TryAdd(id, new Movie(id, fields[titleCol], spellings.Split(fields[genresCol]))))
            {
                throw file.Error(no, "each movieId once", fields[idCol]);
            }
        }
        return byId.Count > 0 ? byId : throw file.Error(null, "at least one movie after the header row");
    }

    private static int Column(DataFile file, List<string> header, string name)
    {
        int at = header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        return at >= 0 ? at : throw file.Error(1, $"a header row naming the column {name}", string.Join(",", header));
    }

    private static Ratings ReadDatRatings(DataFile file, Dictionary<int, Movie> movies, MovieLens1M.Users? users, Action<string>? progress)
    {
        var (us, ms) = MovieLensDat.ReadRatings(file, movies.ContainsKey, users, CheckRating,
            progress is null ? null : (count, line) => progress(string.Create(CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(file.Path)}: {count} ratings read (line {line})")),
            ProgressEvery);
        return new Ratings(us, ms);
    }

    // One-shot parse loops: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Ratings ReadCsvRatings(DataFile file, Dictionary<int, Movie> movies, Action<string>? progress)
    {
        var result = new Ratings(new List<int>(file.Bytes.Length / 24), new List<int>(file.Bytes.Length / 24));
        Span<Range> f = stackalloc Range[8];
        var lines = file.Lines();
        if (!lines.MoveNext())
        {
            throw file.Error(1, "a header row userId,movieId,rating[,timestamp]");
        }
        int headerLine = lines.Number;
        Span<Range> h = stackalloc Range[f.Length + 1];
        int width = CsvRecords.SplitLine(lines.Current, h);
        if (width < 0)
        {
            throw file.Error(headerLine, "a header row userId,movieId,rating[,timestamp] (RFC 4180: a quoted name ends in a double quote, then a comma or the end of the line)", DataFile.Latin1(lines.Current));
        }
        if (width > f.Length)
        {
            throw file.Error(headerLine, "a header row of at most 8 columns (userId,movieId,rating[,timestamp])", DataFile.Latin1(lines.Current));
        }
        string[] header = new string[width];
        for (int c = 0; c < width; c++)
        {
            header[c] = DataFile.Latin1(lines.Current[h[c]]).Replace("\"\"", "\"", StringComparison.Ordinal);
        }
        int userCol = Column(file, [.. header], "userId"), movieCol = Column(file, [.. header], "movieId"), ratingCol = Column(file, [.. header], "rating");
        int timeCol = Array.FindIndex(header, h => string.Equals(h.Trim(), "timestamp", StringComparison.OrdinalIgnoreCase));
        var comma = ","u8;
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            int n = line.Contains((byte)'"') ? CsvRecords.SplitLine(line, f)
                : DataFile.Fields(line, comma, f[..width]) == width && !line[f[width - 1]].Contains((byte)',') ? width : -3;
            if (n == -1)
            {
                throw file.Error(no, "a closing double quote on the same line (RFC 4180; a rating line holds numbers only)", DataFile.Latin1(line));
            }
            if (n == -2)
            {
                throw file.Error(no, "a comma or the end of the line after a closing double quote (RFC 4180)", DataFile.Latin1(line));
            }
            if (n != width)
            {
                throw file.Error(no, string.Create(CultureInfo.InvariantCulture, $"{width} comma-separated fields like the header ({string.Join(",", header)})"), DataFile.Latin1(line));
            }
            int user = file.Int(line[f[userCol]], no, "a numeric userId");
            int movie = file.Int(line[f[movieCol]], no, "a numeric movieId");
            CheckRating(file, line[f[ratingCol]], no);
            if (timeCol >= 0)
            {
                file.Digits(line[f[timeCol]], no, "a numeric timestamp");
            }
            if (!movies.ContainsKey(movie))
            {
                throw file.Error(no, "a movieId listed in movies.csv", movie.ToString(CultureInfo.InvariantCulture));
            }
            result.Users.Add(user);
            result.Movies.Add(movie);
            if (progress is not null && result.Users.Count % ProgressEvery == 0)
            {
                progress(string.Create(CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(file.Path)}: {result.Users.Count} ratings read (line {no})"));
            }
        }
        return result.Users.Count > 0 ? result : throw file.Error(null, "at least one rating after the header row");
    }

    // Every rating is an interaction; the value is only checked to lie on the MovieLens scale (0.5 to 5 stars). Written
    // so that NaN, which every comparison calls false, fails it.
    private static void CheckRating(DataFile file, ReadOnlySpan<byte> field, int line)
    {
        if (!Utf8Parser.TryParse(field, out double v, out int used) || used != field.Length || !(v >= 0.5 && v <= 5))
        {
            throw file.Error(line, "a rating from 0.5 to 5", DataFile.Latin1(field));
        }
    }
}
