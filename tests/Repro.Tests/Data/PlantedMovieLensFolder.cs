using System.Globalization;
using System.Text;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>
/// The planted-concept set (<see cref="SyntheticDataset"/>) written to disk in a MovieLens layout, as a folder the
/// suite has never seen: planted genres under MovieLens genre names, titles with a year (some with commas and quotes,
/// so the CSV layout needs RFC 4180 quoting), sparse MovieIDs and UserIDs, an unrated movie, lines in reverse order.
/// </summary>
internal static class PlantedMovieLensFolder
{
    /// <summary>The planted genres' names: ML genre names in ordinal order, so planted genre g is the loaded table's concept g.</summary>
    public static IReadOnlyList<string> GenreNames { get; } = ["Action", "Children's", "Comedy", "Drama", "Horror", "Romance"];

    /// <summary>The MovieID of planted item i.</summary>
    public static int MovieId(int item) => 10 + 3 * item;

    /// <summary>The UserID of planted user u.</summary>
    public static int UserId(int user) => 1 + 2 * user;

    /// <summary>The release year of planted item i: spread over 1950–2019, so every decade bucket and "2010s" occur.</summary>
    public static int Year(int item) => 1950 + item * 7 % 70;

    /// <summary>The title of planted item i; every fifth has a comma, every seventh a quoted word.</summary>
    public static string Title(int item) =>
        string.Create(CultureInfo.InvariantCulture, $"{(item % 7 == 3 ? "\"Planted\" " : "")}Movie {item}{(item % 5 == 1 ? ", The" : "")} ({Year(item)})");

    /// <summary>Writes the planted set (default settings unless given) into <paramref name="directory"/>; returns the generated dataset.</summary>
    public static RecDataset Write(string directory, MovieLensLayout layout, SyntheticSettings? settings = null)
    {
        var data = SyntheticDataset.Generate(settings);
        Directory.CreateDirectory(directory);
        var movies = new StringBuilder();
        var ratings = new StringBuilder();
        var users = new StringBuilder();
        bool csv = layout == MovieLensLayout.Csv;
        if (csv)
        {
            movies.Append("movieId,title,genres\n");
            ratings.Append("userId,movieId,rating,timestamp\n");
        }
        // One movie nobody rated: listed, but not an item.
        for (int i = data.ItemCount; i >= 0; i--)
        {
            string title = i < data.ItemCount ? Title(i) : "Never Rated (1999)";
            string genres = i < data.ItemCount ? string.Join('|', data.Concepts.ConceptsOf(i).Select(g => GenreNames[g])) : "Drama";
            movies.Append(MovieId(i).ToString(CultureInfo.InvariantCulture)).Append(csv ? "," : "::")
                .Append(csv ? Quote(title) : title).Append(csv ? "," : "::").Append(genres).Append(csv ? "\r\n" : "\n");
        }
        for (int u = data.UserCount - 1; u >= 0; u--)
        {
            foreach (int i in data.UserItems[u].Reverse())
            {
                string stars = csv ? ((1 + (u + i) % 10) / 2.0).ToString("0.0", CultureInfo.InvariantCulture) : (1 + (u + i) % 5).ToString(CultureInfo.InvariantCulture);
                ratings.Append(CultureInfo.InvariantCulture, $"{UserId(u)}{(csv ? "," : "::")}{MovieId(i)}{(csv ? "," : "::")}{stars}{(csv ? "," : "::")}{978300760 + u}\n");
            }
            // Every seventh user is under 18 (age code 1), so the young-users nudge has an audience.
            users.Append(CultureInfo.InvariantCulture, $"{UserId(u)}::{(u % 2 == 0 ? 'F' : 'M')}::{(u % 7 == 0 ? 1 : 25)}::{u % 21}::{10000 + u}\n");
        }
        string ext = csv ? ".csv" : ".dat";
        File.WriteAllText(Path.Combine(directory, "movies" + ext), movies.ToString(), csv ? new UTF8Encoding(false) : Encoding.Latin1);
        File.WriteAllText(Path.Combine(directory, "ratings" + ext), ratings.ToString());
        if (!csv)
        {
            File.WriteAllText(Path.Combine(directory, "users.dat"), users.ToString());
        }
        return data;
    }

    // RFC 4180: quote a field holding a comma or a quote, doubling inner quotes.
    private static string Quote(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal) ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
