using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>The ML-1M loader on small hand-written files.</summary>
[TestFixture]
public sealed class MovieLens1MTests
{
    // Movie 3 is rated only by user 4169 (dropped): it stays an item, with no interaction, as in the real data.
    // Movie 4 is never rated: not an item. Titles carry a Latin-1 character to pin the encoding.
    private const string Movies =
        "1::Toy Story (1995)::Animation|Children's|Comedy\n" +
        "2::Métropolis (1927)::Sci-Fi\n" +
        "3::Sixties Film (1965)::Drama|War\n" +
        "4::Never Rated (2000)::Western\n" +
        "5::Gladiator (2000)::Action|Drama\n";

    private const string Users =
        "1::F::1::10::48067\n" +
        "2::M::56::16::70072\n" +
        "4169::M::50::1::66048\n";

    private const string Ratings =
        "1::1::5\n1::2::3\n2::1::1\n2::5::4\n4169::3::2\n4169::1::4\n";

    private static TempFolder Fixture(string? ratings = null, string? movies = null, string? users = null)
    {
        var t = new TempFolder();
        t.Write("movies.dat", movies ?? Movies, Encoding.Latin1);
        t.Write("users.dat", users ?? Users);
        t.Write("ratings.dat", ratings ?? Ratings);
        return t;
    }

    /// <summary>Binarised interactions, user 4169 dropped, items = the rated movies ascending, titles decoded as ISO-8859-1.</summary>
    [Test]
    public void Loads_users_items_and_concepts_of_a_small_fixture()
    {
        using var t = Fixture();
        var d = MovieLens1M.Load(t.Path);

        d.Name.Should().Be(DatasetName.Ml1m);
        d.UserExternalIds.Should().Equal(1, 2);
        d.ItemExternalIds.Should().Equal(1, 2, 3, 5);
        d.UserItems[0].Should().Equal(0, 1);
        d.UserItems[1].Should().Equal(0, 3);
        d.InteractionCount.Should().Be(4);
        d.ItemPopularity.Should().Equal(2, 1, 0, 1);
        d.ItemLabels[1].Should().Be("Métropolis (1927)");
        d.UserAgeCodes.Should().Equal(1, 56);
        d.UserGenders.Should().Equal('F', 'M');
        d.ConceptTables.Select(c => c.Kind).Should().Equal("genre", "decade");
        d.Concepts.Names.Should().HaveCount(18);
        d.Concepts.ConceptsOf(0).Select(c => d.Concepts.Names[c]).Should().Equal("Animation", "Children's", "Comedy");
        var decade = d.Table("decade");
        Enumerable.Range(0, 4).Select(i => decade.Names[decade.ConceptsOf(i).Single()]).Should().Equal("1990s", "<=1969", "<=1969", "2000s");
        d.Files.Select(f => f.Name).Should().Equal("ratings.dat", "movies.dat", "users.dat");
        d.Files.Should().OnlyContain(f => f.Sha256.Length == 64);
    }

    /// <summary>The official form (with timestamps, any order, repeated lines) gives the same dataset as the mirror's sorted form.</summary>
    [Test]
    public void Line_order_and_timestamps_do_not_change_the_result()
    {
        string[] lines = Ratings.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rng = new Random(3);
        string shuffled = string.Join("\n", lines.Select((l, k) => $"{l}::{1009669071L + k}").Append("2::5::1::1").OrderBy(_ => rng.Next())) + "\n";
        using var a = Fixture();
        using var b = Fixture(ratings: shuffled.Replace("\n", "\r\n", StringComparison.Ordinal));

        var x = MovieLens1M.Load(a.Path);
        var y = MovieLens1M.Load(b.Path);

        y.UserExternalIds.Should().Equal(x.UserExternalIds);
        y.ItemExternalIds.Should().Equal(x.ItemExternalIds);
        y.UserItems.Should().BeEquivalentTo(x.UserItems, o => o.WithStrictOrdering());
    }

    /// <summary>A missing member file names the file.</summary>
    [Test]
    public void Missing_member_file_is_reported()
    {
        using var t = Fixture();
        File.Delete(t.File("users.dat"));
        var e = Assert.Throws<DatasetFormatException>(() => MovieLens1M.Load(t.Path))!;
        e.File.Should().EndWith("users.dat");
        e.Line.Should().BeNull();
        e.Message.Should().Contain("users.dat").And.Contain("exist");
    }

    /// <summary>A line with too few fields names the file, the line and the expected form.</summary>
    [Test]
    public void Truncated_line_is_reported_with_its_line_number()
    {
        using var t = Fixture(ratings: "1::1::5\n1::2\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLens1M.Load(t.Path))!;
        e.File.Should().EndWith("ratings.dat");
        e.Line.Should().Be(2);
        e.Expected.Should().Contain("UserID::MovieID::Rating");
        e.Message.Should().Contain("line 2").And.Contain("1::2");
    }

    /// <summary>A non-numeric field is reported with its text.</summary>
    [Test]
    public void Non_numeric_field_is_reported()
    {
        using var t = Fixture(ratings: "1::1::5\n1::2::3\n2::x1::4\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLens1M.Load(t.Path))!;
        e.Line.Should().Be(3);
        e.Expected.Should().Be("a numeric MovieID");
        e.Found.Should().Be("x1");
    }

    /// <summary>A rating of a MovieID absent from movies.dat is an error, not a silently added item.</summary>
    [Test]
    public void Rating_for_an_unknown_movie_is_reported()
    {
        using var t = Fixture(ratings: "1::1::5\n2::99::3\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLens1M.Load(t.Path))!;
        e.Line.Should().Be(2);
        e.Expected.Should().Contain("movies.dat");
        e.Found.Should().Be("99");
    }

    /// <summary>An empty member file is an error naming it.</summary>
    [Test]
    public void Empty_file_is_reported()
    {
        using var t = Fixture(ratings: "");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLens1M.Load(t.Path))!;
        e.File.Should().EndWith("ratings.dat");
        e.Message.Should().Contain("empty");
    }

    /// <summary>The structural check rejects anything but the full 6,039 × 3,706 copy (a truncated mirror), while Load alone accepts fixtures.</summary>
    [Test]
    public void Verify_rejects_a_copy_that_is_not_the_full_dataset()
    {
        using var t = Fixture();
        var d = MovieLens1M.Load(t.Path);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLens1M.Verify(d, t.Path))!;
        e.Message.Should().Contain("6039").And.Contain("2 users × 4 items");
    }
}
