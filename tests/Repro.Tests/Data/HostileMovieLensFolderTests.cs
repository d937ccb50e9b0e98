using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>
/// The hostile MovieLens folders of issue #25, each built by the test: a file a spreadsheet or an old editor wrote,
/// a typo a person makes, a layout a tool exports. Each loads as the README promises, or fails naming the file, the
/// line and what was expected there.
/// </summary>
[TestFixture]
public sealed class HostileMovieLensFolderTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static DatasetFormatException LoadFails(TempFolder t) =>
        FluentActions.Invoking(() => MovieLensFolder.Load(t.Path, new DatasetName("x"))).Should().Throw<DatasetFormatException>().Which;

    private static void Rewrite(TempFolder t, string name, Func<string, string> edit, Encoding? encoding = null)
    {
        encoding ??= new UTF8Encoding(false);
        File.WriteAllText(t.File(name), edit(File.ReadAllText(t.File(name), encoding)), encoding);
    }

    /// <summary>A NaN rating, in either spelling and either layout, is refused on its line like 0 or 6 (every comparison with NaN is false, so it slipped through).</summary>
    [TestCase("ratings.csv", "userId,movieId,rating\n1,1,4\n1,1,NaN\n", 3)]
    [TestCase("ratings.csv", "userId,movieId,rating,timestamp\n1,1,nan,1\n", 2)]
    [TestCase("ratings.dat", "1::1::5\n1::1::NaN::978300760\n", 2)]
    [TestCase("ratings.dat", "1::1::nan\n", 1)]
    public void A_nan_rating_is_refused_on_its_line(string file, string content, int line)
    {
        using var t = new TempFolder();
        bool csv = file.EndsWith(".csv", StringComparison.Ordinal);
        t.Write(csv ? "movies.csv" : "movies.dat", csv ? "movieId,title,genres\n1,Toy Story (1995),Comedy\n" : "1::Toy Story (1995)::Comedy\n");
        t.Write(file, content);

        var e = LoadFails(t);

        e.File.Should().Be(t.File(file));
        e.Line.Should().Be(line);
        e.Expected.Should().Be("a rating from 0.5 to 5");
        e.Found.Should().BeOneOf("NaN", "nan");
        e.Message.Should().Contain(file).And.Contain("line " + line);
    }

    /// <summary>A UTF-8 byte-order mark (as spreadsheet programs write) before the header or first line is not part of it: both layouts load exactly as without it.</summary>
    [TestCase(MovieLensLayout.Csv)]
    [TestCase(MovieLensLayout.Dat)]
    public void A_byte_order_mark_is_accepted(MovieLensLayout layout)
    {
        using var plain = new TempFolder();
        using var marked = new TempFolder();
        PlantedMovieLensFolder.Write(plain.Path, layout);
        PlantedMovieLensFolder.Write(marked.Path, layout);
        string ext = layout == MovieLensLayout.Csv ? ".csv" : ".dat";
        foreach (string file in new[] { "movies" + ext, "ratings" + ext })
        {
            marked.WriteBytes(file, [.. Bom, .. File.ReadAllBytes(marked.File(file))]);
        }

        var expected = MovieLensFolder.Load(plain.Path, new DatasetName("x"));
        var d = MovieLensFolder.Load(marked.Path, new DatasetName("x"));

        d.UserExternalIds.Should().Equal(expected.UserExternalIds);
        d.ItemExternalIds.Should().Equal(expected.ItemExternalIds, "the first movie's id is read, not refused as \"\\uFEFF10\"");
        d.ItemLabels.Should().Equal(expected.ItemLabels);
        d.InteractionCount.Should().Be(expected.InteractionCount);
        d.Files.Single(f => f.Name == "movies" + ext).Bytes.Should().Be(new FileInfo(marked.File("movies" + ext)).Length, "the fingerprint is of the file as it is on disk");
    }

    /// <summary>One genre, or none at all ("(no genres listed)" everywhere), is the "at least two genres" message naming movies file (it was an index error with no file).</summary>
    [TestCase("Drama", "only one genre, Drama")]
    [TestCase("(no genres listed)", "no genre")]
    public void Fewer_than_two_genres_is_named_with_the_movies_file(string genre, string found)
    {
        using var t = new TempFolder();
        PlantedMovieLensFolder.Write(t.Path, MovieLensLayout.Csv);
        Rewrite(t, "movies.csv", text => string.Join("\r\n", text.Split("\r\n").Select((l, k) => k == 0 || l.Length == 0 ? l : l[..(l.LastIndexOf(',') + 1)] + genre)));

        var e = LoadFails(t);

        e.File.Should().Be(t.File("movies.csv"));
        e.Expected.Should().StartWith("at least two genres among the rated movies");
        e.Found.Should().StartWith(found);
        e.Message.Should().Contain("movies.csv");
    }

    /// <summary>A quote left open is reported on the line where it opened, not on the line of the next quote it ran on to.</summary>
    [Test]
    public void An_unterminated_quote_is_reported_where_it_opened()
    {
        using var t = new TempFolder();
        t.Write("movies.csv", "movieId,title,genres\n1,\"Toy Story (1995),Comedy\n2,Heat (1995),Action\n3,\"Jumanji (1995)\",Adventure\n");
        t.Write("ratings.csv", "userId,movieId,rating\n1,1,4\n");

        var e = LoadFails(t);

        e.File.Should().Be(t.File("movies.csv"));
        e.Line.Should().Be(2);
        e.Expected.Should().Contain("a closing double quote for the quoted field that starts here").And.Contain("line 4");
    }

    /// <summary>RFC 4180 in ratings.csv too: quoted numbers and R's write.csv output (quoted header, a row-name column) load like the plain file.</summary>
    [Test]
    public void Quoted_ratings_fields_and_headers_are_read_as_rfc_4180()
    {
        using var plain = new TempFolder();
        using var quoted = new TempFolder();
        PlantedMovieLensFolder.Write(plain.Path, MovieLensLayout.Csv);
        PlantedMovieLensFolder.Write(quoted.Path, MovieLensLayout.Csv);
        // R: write.csv(ratings) quotes the header and the row names, and adds an unnamed first column.
        Rewrite(quoted, "ratings.csv", text => string.Join("\n", text.Split('\n').Select((l, k) =>
            l.Length == 0 ? l
            : k == 0 ? "\"\"," + string.Join(",", l.Split(',').Select(h => "\"" + h + "\""))
            : $"\"{k}\"," + string.Join(",", l.Split(',').Select((v, c) => c == 2 ? "\"" + v + "\"" : v)))));

        var expected = MovieLensFolder.Load(plain.Path, new DatasetName("x"));
        var d = MovieLensFolder.Load(quoted.Path, new DatasetName("x"));

        File.ReadAllText(quoted.File("ratings.csv")).Should().StartWith("\"\",\"userId\",\"movieId\",\"rating\",\"timestamp\"\n\"1\",");
        d.UserExternalIds.Should().Equal(expected.UserExternalIds);
        d.InteractionCount.Should().Be(expected.InteractionCount);
        for (int u = 0; u < d.UserCount; u++)
        {
            d.UserItems[u].Should().Equal(expected.UserItems[u]);
        }
    }

    /// <summary>A quoted ratings field that never closes, or text after a closing quote, names the line and RFC 4180.</summary>
    [TestCase("userId,movieId,rating\n1,1,\"4\n", 2, "a closing double quote on the same line")]
    [TestCase("userId,movieId,rating\n1,1,\"4\"x\n", 2, "a comma or the end of the line after a closing double quote")]
    [TestCase("\"userId,movieId,rating\n1,1,4\n", 1, "a header row userId,movieId,rating")]
    public void Broken_quotes_in_ratings_csv_name_the_line(string content, int line, string expected)
    {
        using var t = new TempFolder();
        t.Write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        t.Write("ratings.csv", content);

        var e = LoadFails(t);

        e.File.Should().Be(t.File("ratings.csv"));
        e.Line.Should().Be(line);
        e.Expected.Should().Contain(expected);
    }

    /// <summary>Classic Mac OS line ends (CR alone) are named as such, in either layout, instead of a field error showing the whole file as one line.</summary>
    [TestCase("movies.csv", "movieId,title,genres\r1,Toy Story (1995),Comedy\r")]
    [TestCase("ratings.csv", "userId,movieId,rating\r1,1,4\r")]
    [TestCase("movies.dat", "1::Toy Story (1995)::Comedy\r2::Heat (1995)::Action\r")]
    public void Cr_only_line_ends_are_named(string file, string content)
    {
        using var t = new TempFolder();
        bool csv = file.EndsWith(".csv", StringComparison.Ordinal);
        t.Write(csv ? "movies.csv" : "movies.dat", csv ? "movieId,title,genres\n1,Toy Story (1995),Comedy\n" : "1::Toy Story (1995)::Comedy\n");
        t.Write(csv ? "ratings.csv" : "ratings.dat", csv ? "userId,movieId,rating\n1,1,4\n" : "1::1::5\n");
        t.Write(file, content);

        var e = LoadFails(t);

        e.File.Should().Be(t.File(file));
        e.Line.Should().Be(1);
        e.Found.Should().Be("CR-only line ends (classic Mac OS)");
        e.Expected.Should().Contain("LF or CRLF").And.Contain("tr '\\r' '\\n'");
    }

    /// <summary>
    /// Genre names that differ only in case are one genre (decision: merged, spelled as the movies file first writes
    /// it): "drama" on some lines gives the planted set's table exactly, and the load says what it merged.
    /// </summary>
    [Test]
    public void Genres_differing_only_in_case_are_one_genre_in_the_first_spelling()
    {
        using var t = new TempFolder();
        var planted = PlantedMovieLensFolder.Write(t.Path, MovieLensLayout.Csv);
        // Lines are written from the last movie to the first: keep the first "Drama" written, lower-case the rest.
        bool first = true;
        Rewrite(t, "movies.csv", text => string.Join("\r\n", text.Split("\r\n").Select(l =>
        {
            if (!l.EndsWith("Drama", StringComparison.Ordinal) && !l.Contains("Drama|", StringComparison.Ordinal))
            {
                return l;
            }
            if (first)
            {
                first = false;
                return l;
            }
            return l.Replace("Drama", "drama", StringComparison.Ordinal);
        })));
        File.ReadAllText(t.File("movies.csv")).Should().Contain("drama").And.Contain("Drama");
        var progress = new List<string>();

        var d = MovieLensFolder.Load(t.Path, new DatasetName("x"), progress: progress.Add);

        d.Concepts.Names.Should().Equal(PlantedMovieLensFolder.GenreNames);
        for (int i = 0; i < d.ItemCount; i++)
        {
            d.Concepts.ConceptsOf(i).Should().Equal(planted.Concepts.ConceptsOf(i));
        }
        progress.Should().Contain(p => p.Contains("genres that differ only in case are one genre", StringComparison.Ordinal)
            && p.Contains("drama → Drama", StringComparison.Ordinal));
    }

    /// <summary>A year out of range ("(9999)") is no year: the movie gets no decade, and there is no decade column for each of the 800 decades up to it.</summary>
    [Test]
    public void A_year_out_of_range_gives_no_decade()
    {
        using var t = new TempFolder();
        PlantedMovieLensFolder.Write(t.Path, MovieLensLayout.Dat);
        string title = PlantedMovieLensFolder.Title(0);
        Rewrite(t, "movies.dat", text => text.Replace("::" + title + "::", "::" + title[..^6] + "(9999)::", StringComparison.Ordinal), Encoding.Latin1);
        var progress = new List<string>();

        var d = MovieLensFolder.Load(t.Path, new DatasetName("x"), progress: progress.Add);

        MovieLensFolder.YearOf("Future (9999)").Should().BeNull();
        MovieLensFolder.YearOf("Typo (0199)").Should().BeNull();
        MovieLensFolder.YearOf("Toy Story (1995)").Should().Be(1995);
        d.Table("decade").Names.Should().Equal("<=1969", "1970s", "1980s", "1990s", "2000s", "2010s");
        d.Table("decade").ConceptsOf(0).Should().BeEmpty();
        progress.Should().Contain(p => p.Contains("end in a year outside 1870..", StringComparison.Ordinal) && p.Contains("(9999)", StringComparison.Ordinal));
    }

    /// <summary>Only decades some rated movie falls in are concepts (the ≤1969 bucket always: the era analysis is defined on it), so no report lists an empty decade.</summary>
    [Test]
    public void Empty_decades_are_not_concepts()
    {
        using var t = new TempFolder();
        PlantedMovieLensFolder.Write(t.Path, MovieLensLayout.Csv);
        // No film of the 1970s or 2000s: those years become 1995.
        Rewrite(t, "movies.csv", text => System.Text.RegularExpressions.Regex.Replace(text, @"\((197\d|200\d)\)", "(1995)"));

        var d = MovieLensFolder.Load(t.Path, new DatasetName("x"));

        d.Table("decade").Names.Should().Equal("<=1969", "1980s", "1990s", "2010s");
        Enumerable.Range(0, d.Table("decade").Count).Should().OnlyContain(c => d.Table("decade").BaseRate(c) > 0);
    }

    /// <summary>A folder where a ratings file should be is named as a folder, not reported as a missing layout; the same for a movies file.</summary>
    [TestCase("ratings.csv", "movies.csv")]
    [TestCase("ratings.dat", "movies.dat")]
    [TestCase("movies.csv", "ratings.csv")]
    public void A_folder_named_like_a_member_file_is_reported_as_a_folder(string folder, string file)
    {
        using var t = new TempFolder();
        Directory.CreateDirectory(t.File(folder));
        t.Write(file, "x\n");

        var e = LoadFails(t);

        e.File.Should().Be(t.File(folder));
        e.Expected.Should().StartWith($"the member file {folder}").And.EndWith("to be a file");
        e.Found.Should().Be("a folder of that name");
    }

    /// <summary>A folder with both layouts reads the ML-1M one and says which files it read and which it ignored.</summary>
    [Test]
    public void Both_layouts_in_one_folder_say_which_was_read()
    {
        using var t = new TempFolder();
        PlantedMovieLensFolder.Write(t.Path, MovieLensLayout.Dat);
        PlantedMovieLensFolder.Write(t.Path, MovieLensLayout.Csv);
        var progress = new List<string>();

        var d = MovieLensFolder.Load(t.Path, new DatasetName("x"), progress: progress.Add);

        d.Files.Select(f => f.Name).Should().Equal("ratings.dat", "movies.dat", "users.dat");
        MovieLensFolder.LayoutNotice(t.Path).Should().Be($"{t.Path} holds both MovieLens layouts: reading ratings.dat and movies.dat (ML-1M layout), ignoring ratings.csv and movies.csv");
        progress.Should().Contain("x: " + MovieLensFolder.LayoutNotice(t.Path));
    }

    /// <summary>An id of 10 digits is refused with the limit (at most 9 digits), in either layout.</summary>
    [TestCase("ratings.csv", "userId,movieId,rating\n1234567890,1,4\n", "a numeric userId of at most 9 digits")]
    [TestCase("ratings.dat", "1::1234567890::5\n", "a numeric MovieID of at most 9 digits")]
    public void A_ten_digit_id_is_refused_with_the_limit(string file, string content, string expected)
    {
        using var t = new TempFolder();
        bool csv = file.EndsWith(".csv", StringComparison.Ordinal);
        t.Write(csv ? "movies.csv" : "movies.dat", csv ? "movieId,title,genres\n1,Toy Story (1995),Comedy\n" : "1::Toy Story (1995)::Comedy\n");
        t.Write(file, content);

        var e = LoadFails(t);

        e.Line.Should().Be(csv ? 2 : 1);
        e.Expected.Should().Be(expected + " (ids up to 999,999,999)");
        e.Found.Should().Be("1234567890");
    }

    /// <summary>A file given where the folder belongs is said to be a file, not "a folder that does not exist".</summary>
    [Test]
    public void A_file_instead_of_a_folder_is_named_as_a_file()
    {
        using var t = new TempFolder();
        t.Write("ratings.csv", "userId,movieId,rating\n1,1,4\n");

        var e = FluentActions.Invoking(() => MovieLensFolder.Load(t.File("ratings.csv"), new DatasetName("x"))).Should().Throw<DatasetFormatException>().Which;

        e.File.Should().Be(t.File("ratings.csv"));
        e.Found.Should().StartWith("a file, not a folder");
        e.Message.Should().NotContain("does not exist");
    }
}
