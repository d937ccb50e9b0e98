using System.Globalization;
using System.Runtime.CompilerServices;

namespace Repro.Data;

/// <summary>Checks one rating field of a ratings line; throws <see cref="DataFile.Error"/> naming the line when it is off the scale.</summary>
internal delegate void RatingCheck(DataFile file, ReadOnlySpan<byte> field, int line);

/// <summary>
/// The <c>ratings.dat</c> reader of every MovieLens folder in the <c>::</c> layout (ML-1M, ML-10M): each line
/// <c>UserID::MovieID::Rating[::Timestamp]</c>, the movie listed in movies.dat, the user in users.dat when there is one,
/// the rating on the dataset's scale; every failure names the file, the line and what was expected.
/// </summary>
internal static class MovieLensDatRatings
{
    private static readonly byte[] Sep = "::"u8.ToArray();

    /// <summary>
    /// Reads the (UserID, MovieID) of every rating line in file order. <paramref name="progress"/>, when given, hears the
    /// count and the line number every <paramref name="progressEvery"/> ratings.
    /// </summary>
    // One-shot parse loop: skip the unoptimised first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (List<int> Users, List<int> Movies) Read(DataFile file, Func<int, bool> isListedMovie, MovieLens1M.Users? users, RatingCheck checkRating,
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
