using System.Globalization;
using System.Runtime.CompilerServices;

namespace Repro.Data;

/// <summary>
/// MovieLens-1M as SPEC §2 pins it: every rating is an interaction, user 4169 dropped, users in ascending UserID,
/// items = the rated movies in ascending MovieID; concepts = the 18 genres, then the release decade.
/// </summary>
public static class MovieLens1M
{
    /// <summary>The user the paper drops.</summary>
    public const int DroppedUserId = 4169;

    /// <summary>Users of the full dataset after dropping user 4169.</summary>
    public const int ExpectedUsers = 6039;

    /// <summary>Movies with at least one rating in the full dataset.</summary>
    public const int ExpectedItems = 3706;

    /// <summary>Interactions of the full dataset after dropping user 4169.</summary>
    public const long ExpectedInteractions = 997_895;

    /// <summary>Member files the loader reads.</summary>
    public static IReadOnlyList<string> MemberFiles { get; } = ["ratings.dat", "movies.dat", "users.dat"];

    /// <summary>The 18 genres in the order of the ML-1M README.</summary>
    public static IReadOnlyList<string> Genres { get; } =
    [
        "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>Release-decade buckets from the title's trailing (YYYY).</summary>
    public static IReadOnlyList<string> Decades { get; } = ["<=1969", "1970s", "1980s", "1990s", "2000s"];

    /// <summary>
    /// Loads the three member files from <paramref name="directory"/>. ratings.dat may carry the timestamp or not;
    /// the result depends only on the set of (user, movie) pairs, never on line order or timestamps.
    /// </summary>
    // One-shot parse loops: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RecDataset Load(string directory)
    {
        var moviesFile = DataFile.Read(directory, "movies.dat", "MovieID::Title::Genres lines");
        var usersFile = DataFile.Read(directory, "users.dat", "UserID::Gender::Age::Occupation::Zip lines");
        var ratingsFile = DataFile.Read(directory, "ratings.dat", "UserID::MovieID::Rating[::Timestamp] lines");

        var movies = ReadMovies(moviesFile);
        var users = ReadUsers(usersFile);
        var (ratingUser, ratingMovie) = ReadRatings(ratingsFile, movies, users);

        // Items: every movie someone rated, user 4169 included (the paper's 3,706), ascending MovieID.
        int maxMovie = movies.Titles.Length - 1;
        var rated = new bool[maxMovie + 1];
        foreach (int m in ratingMovie)
        {
            rated[m] = true;
        }
        var itemOfMovie = new int[maxMovie + 1];
        var itemIds = new List<int>();
        for (int m = 0; m <= maxMovie; m++)
        {
            itemOfMovie[m] = rated[m] ? itemIds.Count : -1;
            if (rated[m])
            {
                itemIds.Add(m);
            }
        }

        // Users: users.dat minus 4169, ascending UserID.
        var userIds = new List<int>();
        int maxUser = users.Genders.Length - 1;
        var rowOfUser = new int[maxUser + 1];
        for (int u = 0; u <= maxUser; u++)
        {
            bool keep = users.Genders[u] != '\0' && u != DroppedUserId;
            rowOfUser[u] = keep ? userIds.Count : -1;
            if (keep)
            {
                userIds.Add(u);
            }
        }

        // Counting sort of the ratings by user row, then sort and de-duplicate each row: order-independent.
        var counts = new int[userIds.Count + 1];
        for (int k = 0; k < ratingUser.Count; k++)
        {
            int row = rowOfUser[ratingUser[k]];
            if (row >= 0)
            {
                counts[row + 1]++;
            }
        }
        for (int r = 0; r < userIds.Count; r++)
        {
            counts[r + 1] += counts[r];
        }
        var flat = new int[counts[userIds.Count]];
        var fill = (int[])counts.Clone();
        for (int k = 0; k < ratingUser.Count; k++)
        {
            int row = rowOfUser[ratingUser[k]];
            if (row >= 0)
            {
                flat[fill[row]++] = itemOfMovie[ratingMovie[k]];
            }
        }
        var userItems = new int[userIds.Count][];
        for (int r = 0; r < userIds.Count; r++)
        {
            Span<int> slice = flat.AsSpan(counts[r], counts[r + 1] - counts[r]);
            slice.Sort();
            int n = 0;
            for (int j = 0; j < slice.Length; j++)
            {
                if (n == 0 || slice[j] != slice[n - 1])
                {
                    slice[n++] = slice[j];
                }
            }
            userItems[r] = slice[..n].ToArray();
        }

        int itemCount = itemIds.Count;
        var labels = new string[itemCount];
        var genreOf = new IReadOnlyList<int>[itemCount];
        var decadeOf = new IReadOnlyList<int>[itemCount];
        for (int i = 0; i < itemCount; i++)
        {
            int m = itemIds[i];
            labels[i] = movies.Titles[m]!;
            genreOf[i] = movies.Genres[m]!;
            decadeOf[i] = movies.Decade[m] is int d and >= 0 ? [d] : [];
        }
        var ages = new int[userIds.Count];
        var genders = new char[userIds.Count];
        for (int r = 0; r < userIds.Count; r++)
        {
            ages[r] = users.Ages[userIds[r]];
            genders[r] = users.Genders[userIds[r]];
        }

        return new RecDataset(
            DatasetName.Ml1m,
            itemCount,
            userItems,
            labels,
            [new ConceptTable("genre", Genres, genreOf), new ConceptTable("decade", Decades, decadeOf)],
            [ratingsFile.Fingerprint(), moviesFile.Fingerprint(), usersFile.Fingerprint()],
            userIds.ToArray(),
            itemIds.ToArray(),
            ages,
            genders)
        {
            Profile = DatasetProfile.Ml1m,
        };
    }

    /// <summary>
    /// Structural check of a full copy: 6,039 × 3,706 with 997,895 interactions. A truncated or altered mirror fails
    /// here with a <see cref="DatasetFormatException"/>; small test fixtures are loaded without it.
    /// </summary>
    public static RecDataset Verify(RecDataset data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.UserCount != ExpectedUsers || data.ItemCount != ExpectedItems || data.InteractionCount != ExpectedInteractions)
        {
            throw new DatasetFormatException(
                Path.Combine(directory, "ratings.dat"),
                null,
                string.Create(CultureInfo.InvariantCulture, $"the full ML-1M ({ExpectedUsers} users × {ExpectedItems} items, {ExpectedInteractions} interactions after dropping user {DroppedUserId}); the copy may be truncated — delete the folder and rebuild to fetch it again"),
                string.Create(CultureInfo.InvariantCulture, $"{data.UserCount} users × {data.ItemCount} items, {data.InteractionCount} interactions"));
        }
        return data;
    }

    private sealed record Movies(string?[] Titles, int[]?[] Genres, int[] Decade);

    /// <summary>users.dat by UserID: gender ('\0' = no such user) and age code.</summary>
    internal sealed record Users(char[] Genders, int[] Ages);

    /// <summary>movies.dat: every genre from the README's list of 18 (each once, in list order), the decade from the title.</summary>
    private static Movies ReadMovies(DataFile file)
    {
        var genreIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < Genres.Count; g++)
        {
            genreIndex[Genres[g]] = g;
        }
        var byId = MovieLensDat.ReadMovies(file, (id, title, genreField, no) =>
        {
            var genres = new List<int>();
            foreach (string g in genreField.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!genreIndex.TryGetValue(g, out int gi))
                {
                    throw file.Error(no, "genres from the ML-1M README's list of 18", g);
                }
                if (!genres.Contains(gi))
                {
                    genres.Add(gi);
                }
            }
            genres.Sort();
            return (Title: title, Genres: genres.ToArray(), Decade: DecadeOf(title));
        });
        int max = byId.Keys.Max();
        var titles = new string?[max + 1];
        var genresById = new int[]?[max + 1];
        var decade = new int[max + 1];
        Array.Fill(decade, -1);
        foreach (var (id, m) in byId)
        {
            titles[id] = m.Title;
            genresById[id] = m.Genres;
            decade[id] = m.Decade;
        }
        return new Movies(titles, genresById, decade);
    }

    // "Toy Story (1995)" → 1990s; a title without a trailing (YYYY) carries no decade.
    private static int DecadeOf(string title)
    {
        ReadOnlySpan<char> t = title.AsSpan().TrimEnd();
        if (t.Length < 6 || t[^1] != ')' || t[^6] != '(' ||
            !int.TryParse(t[^5..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int year))
        {
            return -1;
        }
        return year switch
        {
            < 1970 => 0,
            < 1980 => 1,
            < 1990 => 2,
            < 2000 => 3,
            _ => 4,
        };
    }

    // One-shot parse loops: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Users ReadUsers(DataFile file)
    {
        var rows = new List<(int Id, char Gender, int Age)>();
        Span<Range> f = stackalloc Range[6];
        var lines = file.Lines();
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            if (DataFile.Fields(line, MovieLensDat.Sep, f) != 5)
            {
                throw file.Error(no, "UserID::Gender::Age::Occupation::Zip (5 fields)", DataFile.Latin1(line));
            }
            int id = file.Int(line[f[0]], no, "a numeric UserID");
            var g = line[f[1]];
            if (g.Length != 1 || (g[0] != (byte)'M' && g[0] != (byte)'F'))
            {
                throw file.Error(no, "gender M or F", DataFile.Latin1(g));
            }
            int age = file.Int(line[f[2]], no, "a numeric age code");
            file.Int(line[f[3]], no, "a numeric occupation code");
            if (id == 0)
            {
                throw file.Error(no, "a UserID of at least 1", "0");
            }
            rows.Add((id, (char)g[0], age));
        }
        if (rows.Count == 0)
        {
            throw file.Error(null, "at least one UserID::Gender::Age::Occupation::Zip line");
        }
        int max = 0;
        foreach (var r in rows)
        {
            max = Math.Max(max, r.Id);
        }
        var genders = new char[max + 1];
        var ages = new int[max + 1];
        foreach (var r in rows)
        {
            if (genders[r.Id] != '\0')
            {
                throw file.Error(null, "each UserID once", r.Id.ToString(CultureInfo.InvariantCulture));
            }
            genders[r.Id] = r.Gender;
            ages[r.Id] = r.Age;
        }
        return new Users(genders, ages);
    }

    /// <summary>ratings.dat: whole stars from 1 to 5.</summary>
    private static (List<int> Users, List<int> Movies) ReadRatings(DataFile file, Movies movies, Users users) =>
        MovieLensDat.ReadRatings(file, movie => movie < movies.Titles.Length && movies.Titles[movie] is not null, users, CheckStars);

    private static void CheckStars(DataFile file, ReadOnlySpan<byte> field, int line)
    {
        int rating = file.Int(field, line, "a numeric rating");
        if (rating is < 1 or > 5)
        {
            throw file.Error(line, "a rating from 1 to 5", rating.ToString(CultureInfo.InvariantCulture));
        }
    }
}
