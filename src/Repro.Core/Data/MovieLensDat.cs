using System.Globalization;
using System.Runtime.CompilerServices;

namespace Repro.Data;

/// <summary>Checks one rating field of a ratings line; throws <see cref="DataFile.Error"/> naming the line when it is off the scale.</summary>
internal delegate void RatingCheck(DataFile file, ReadOnlySpan<byte> field, int line);

/// <summary>
/// The <c>movies.dat</c> and <c>ratings.dat</c> readers of every MovieLens folder in the <c>::</c> layout (ML-1M, ML-10M),
/// shared by the paper's loader and users' folders, which differ only in the genres and rating scale they accept;
/// every failure names the file, the line and what was expected.
/// </summary>
internal static class MovieLensDat
{
    /// <summary>The field separator.</summary>
    public static ReadOnlySpan<byte> Sep => "::"u8;

    /// <summary>
    /// Reads <c>MovieID::Title::Genres</c> lines, each MovieID once, into what <paramref name="make"/> builds from the id,
    /// the title, the genres field and the line number (where it checks the genres, naming the line).
    /// </summary>
    // One-shot parse loop: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Dictionary<int, T> ReadMovies<T>(DataFile file, Func<int, string, string, int, T> make)
    {
        var byId = new Dictionary<int, T>();
        Span<Range> f = stackalloc Range[4];
        var lines = file.Lines();
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            if (DataFile.Fields(line, Sep, f) != 3)
            {
                throw file.Error(no, "MovieID::Title::Genres (3 fields)", DataFile.Latin1(line));
            }
            int id = file.Int(line[f[0]], no, "a numeric MovieID");
            if (!byId.TryAdd(id, make(id, DataFile.Latin1(line[f[1]]), DataFile.Latin1(line[f[2]]), no)))
            {
                throw file.Error(no, "each MovieID once", id.ToString(CultureInfo.InvariantCulture));
            }
        }
        return byId.Count > 0 ? byId : throw file.Error(null, "at least one MovieID::Title::Genres line");
    }

    /// <summary>
    /// Reads <c>UserID::MovieID::Rating[::Timestamp]</c> lines (the movie listed, the user in users.dat when there is one, the
    /// rating checked by <paramref name="checkRating"/>): the (UserID, MovieID) of every rating in file order. <paramref name="progress"/>, when given, hears the
    /// count and the line number every <paramref name="progressEvery"/> ratings.
    /// </summary>
    // One-shot parse loop: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (List<int> Users, List<int> Movies) ReadRatings(DataFile file, Func<int, bool> isListedMovie, MovieLens1M.Users? users, RatingCheck checkRating,
        Action<int, int>? progress = null, int progressEvery = int.MaxValue)
    {
        int estimate = file.Bytes.Length / 12;
        var us = new List<int>(estimate);
        var ms = new List<int>(estimate);
        Span<Range> f = stackalloc Range[5];
        var lines = file.Lines();
        while (lines.MoveNext())
        {
            var line = lines.Current;
            int no = lines.Number;
            if (line.IsEmpty)
            {
                continue;
            }
            int n = DataFile.Fields(line, Sep, f);
            if (n is not (3 or 4))
            {
                throw file.Error(no, "UserID::MovieID::Rating or UserID::MovieID::Rating::Timestamp", DataFile.Latin1(line));
            }
            int user = file.Int(line[f[0]], no, "a numeric UserID");
            int movie = file.Int(line[f[1]], no, "a numeric MovieID");
            checkRating(file, line[f[2]], no);
            if (n == 4)
            {
                file.Digits(line[f[3]], no, "a numeric timestamp");
            }
            if (!isListedMovie(movie))
            {
                throw file.Error(no, "a MovieID listed in movies.dat", movie.ToString(CultureInfo.InvariantCulture));
            }
            if (users is not null && (user >= users.Genders.Length || users.Genders[user] == '\0'))
            {
                throw file.Error(no, "a UserID listed in users.dat", user.ToString(CultureInfo.InvariantCulture));
            }
            us.Add(user);
            ms.Add(movie);
            if (progress is not null && us.Count % progressEvery == 0)
            {
                progress(us.Count, no);
            }
        }
        return us.Count > 0 ? (us, ms) : throw file.Error(null, "at least one rating line");
    }
}
