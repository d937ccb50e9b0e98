using System.Globalization;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>The HetRec Last.FM loader on small hand-written files.</summary>
[TestFixture]
public sealed class LastFmTests
{
    private static string Artists()
    {
        var sb = new StringBuilder("id\tname\turl\tpictureURL\n");
        for (int a = 1; a <= 11; a++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{a}\t{(a == 9 ? "Björk" : "Artist " + a)}\thttp://www.last.fm/music/{a}\t\n");
        }
        return sb.ToString();
    }

    // Users 1..6 listen to artists 1..10 (kept). Artist 11 has 4 listeners (users 1..3 and 7): dropped.
    // User 7 has 10 artists but only 9 remain after artist 11 goes: dropped. User 8 has 9 artists: dropped.
    private static string Listens()
    {
        var sb = new StringBuilder("userID\tartistID\tweight\r\n");
        for (int u = 1; u <= 6; u++)
        {
            for (int a = 1; a <= 10; a++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{u}\t{a}\t{100 * u + a}\r\n");
            }
        }
        for (int u = 1; u <= 3; u++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{u}\t11\t7\r\n");
        }
        for (int a = 1; a <= 9; a++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"7\t{a}\t5\r\n8\t{a}\t5\r\n");
        }
        sb.Append("7\t11\t3\r\n");
        return sb.ToString();
    }

    private const string Tags = "tagID\ttagValue\r\n1\tHeavy Metal\r\n2\trock\r\n3\tindie\r\n4\tHip-Hop\r\n5\tpop\r\n6\tfolk\r\n7\tjazz\r\n8\t Rock \r\n";

    // Artist 1: heavy_metal ×3, rock ×2 (tags 2 and 8 normalise alike), indie ×5 (dropped), jazz, pop, folk ×1 each:
    // top 4 = heavy_metal, rock, then the count-1 tie broken by name: folk, jazz. Artist 2: hip_hop. Artist 11 (dropped): pop.
    private const string Tagged =
        "userID\tartistID\ttagID\tday\tmonth\tyear\r\n" +
        "1\t1\t1\t1\t4\t2009\r\n2\t1\t1\t1\t4\t2009\r\n3\t1\t1\t1\t4\t2009\r\n" +
        "1\t1\t2\t1\t4\t2009\r\n2\t1\t8\t1\t4\t2009\r\n" +
        "1\t1\t3\t1\t4\t2009\r\n2\t1\t3\t1\t4\t2009\r\n3\t1\t3\t1\t4\t2009\r\n4\t1\t3\t1\t4\t2009\r\n5\t1\t3\t1\t4\t2009\r\n" +
        "1\t1\t7\t1\t4\t2009\r\n1\t1\t5\t1\t4\t2009\r\n1\t1\t6\t1\t4\t2009\r\n" +
        "1\t2\t4\t1\t4\t2009\r\n" +
        "1\t11\t5\t1\t4\t2009\r\n";

    private static TempFolder Fixture(string? listens = null, byte[]? artists = null)
    {
        var t = new TempFolder();
        if (artists is null)
        {
            t.Write("artists.dat", Artists());
        }
        else
        {
            t.WriteBytes("artists.dat", artists);
        }
        t.Write("user_artists.dat", listens ?? Listens());
        t.Write("tags.dat", Tags, Encoding.Latin1);
        t.Write("user_taggedartists.dat", Tagged);
        return t;
    }

    /// <summary>Artists with ≥ 5 listeners, then users with ≥ 10 of them; labels are the UTF-8 names.</summary>
    [Test]
    public void Filters_artists_then_users_in_one_pass_each()
    {
        using var t = Fixture();
        var d = LastFm.Load(t.Path);

        d.Name.Should().Be(DatasetName.LastFm);
        d.ItemExternalIds.Should().Equal(Enumerable.Range(1, 10));
        d.UserExternalIds.Should().Equal(Enumerable.Range(1, 6));
        d.UserItems.Should().OnlyContain(items => items.SequenceEqual(Enumerable.Range(0, 10)));
        d.InteractionCount.Should().Be(60);
        d.ItemLabels[8].Should().Be("Björk");
    }

    /// <summary>Tags are normalised, non-genre tags dropped, each artist keeps its top 4 (ties by name), families follow the tags.</summary>
    [Test]
    public void Keeps_each_artists_top_four_genre_tags_and_their_families()
    {
        using var t = Fixture();
        var d = LastFm.Load(t.Path);
        var tags = d.Table("tag");
        var families = d.Table("tag family");

        tags.Names.Should().Equal("folk", "heavy_metal", "hip_hop", "jazz", "rock");
        tags.ConceptsOf(0).Select(c => tags.Names[c]).Should().BeEquivalentTo("heavy_metal", "rock", "folk", "jazz");
        tags.ConceptsOf(1).Select(c => tags.Names[c]).Should().Equal("hip_hop");
        tags.ConceptsOf(2).Should().BeEmpty();
        families.Names.Should().Equal("metal", "electronic", "folk", "country", "hip_hop", "rock", "pop");
        families.ConceptsOf(0).Select(c => families.Names[c]).Should().Equal("metal", "folk", "rock");
        families.ConceptsOf(1).Select(c => families.Names[c]).Should().Equal("hip_hop");
    }

    /// <summary>Normalisation: lower-case, trimmed, spaces and hyphens become underscores.</summary>
    [TestCase(" Hip-Hop ", "hip_hop")]
    [TestCase("Singer-Songwriter", "singer_songwriter")]
    [TestCase("Alternative Rock", "alternative_rock")]
    public void Tags_are_normalised(string raw, string normalised) => LastFm.NormalizeTag(raw).Should().Be(normalised);

    /// <summary>Invalid UTF-8 in artists.dat is reported with its line (ISO-8859-1 files cannot be undecodable).</summary>
    [Test]
    public void Undecodable_artist_name_is_reported()
    {
        byte[] file = [.. Encoding.UTF8.GetBytes("id\tname\turl\tpictureURL\n1\tOK\tu\t\n2\tBad "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\tu\t\n")];
        using var t = Fixture(artists: file);
        var e = Assert.Throws<DatasetFormatException>(() => LastFm.Load(t.Path))!;
        e.File.Should().EndWith("artists.dat");
        e.Line.Should().Be(3);
        e.Expected.Should().Be("UTF-8 text");
    }

    /// <summary>A listening line with a missing field is reported with its line.</summary>
    [Test]
    public void Truncated_listening_line_is_reported()
    {
        using var t = Fixture(listens: "userID\tartistID\tweight\r\n1\t1\t5\r\n1\t2\r\n");
        var e = Assert.Throws<DatasetFormatException>(() => LastFm.Load(t.Path))!;
        e.File.Should().EndWith("user_artists.dat");
        e.Line.Should().Be(3);
    }

    /// <summary>Last.FM's own structural check rejects a fixture-sized copy.</summary>
    [Test]
    public void Verify_rejects_a_copy_that_is_not_the_full_dataset()
    {
        using var t = Fixture();
        var d = LastFm.Load(t.Path);
        Assert.Throws<DatasetFormatException>(() => LastFm.Verify(d, t.Path));
    }

    /// <summary>A weight that is not a positive whole play count (NaN, negative, zero, a fraction) names its line (it was silently dropped).</summary>
    [TestCase("NaN")]
    [TestCase("-13883")]
    [TestCase("0")]
    [TestCase("2.5")]
    [TestCase("1e3")]
    public void Bad_weight_is_reported_with_its_line(string weight)
    {
        using var t = Fixture(listens: $"userID\tartistID\tweight\r\n1\t1\t5\r\n1\t2\t{weight}\r\n");
        var e = Assert.Throws<DatasetFormatException>(() => LastFm.Load(t.Path))!;
        e.File.Should().EndWith("user_artists.dat");
        e.Line.Should().Be(3);
        e.Message.Should().Contain("expected a positive whole listening weight (a play count); found \"" + weight + "\"");
    }

    /// <summary>A (user, artist) pair listed twice is a damaged file, named with the second line.</summary>
    [Test]
    public void Duplicate_listening_pair_is_reported()
    {
        using var t = Fixture(listens: "userID\tartistID\tweight\r\n1\t1\t5\r\n1\t1\t7\r\n");
        var e = Assert.Throws<DatasetFormatException>(() => LastFm.Load(t.Path))!;
        e.Line.Should().Be(3);
    }

    /// <summary>
    /// A copy missing the last 20 lines of user_artists.dat, or 5,000 of user_taggedartists.dat, fails the full-copy check
    /// naming that file and both counts (it loaded, because only users × items were checked). Needs the real data.
    /// </summary>
    [TestCase("user_artists.dat", 20, "expected 92,834 data lines after the header")]
    [TestCase("user_taggedartists.dat", 5000, "expected 186,479 data lines after the header")]
    public void Truncated_member_file_of_the_real_copy_is_named(string member, int cut, string expected)
    {
        string real = Path.Combine(RepoPaths.Data, Datasets.LastFmEntry.Folder);
        if (!Datasets.IsAvailable(DatasetName.LastFm))
        {
            Assert.Ignore("needs data/hetrec2011-lastfm-2k (dotnet build with REPRO_DATASET_MIRROR)");
            return;
        }
        using var t = new TempFolder();
        foreach (string m in LastFm.MemberFiles)
        {
            File.Copy(Path.Combine(real, m), t.File(m));
        }
        var lines = File.ReadAllLines(t.File(member), Encoding.Latin1);
        File.WriteAllLines(t.File(member), lines[..^cut], Encoding.Latin1);

        var e = Assert.Throws<DatasetFormatException>(() => LastFm.Verify(LastFm.Load(t.Path), t.Path))!;

        e.File.Should().EndWith(member);
        e.Message.Should().Contain(expected).And.Contain(string.Create(CultureInfo.InvariantCulture, $"found \"{lines.Length - 1 - cut:N0} data lines\""));
    }

    /// <summary>The real copy passes the per-file counts and the filtered size (the counts above are the official files').</summary>
    [Test]
    public void Real_copy_passes_the_full_copy_check()
    {
        if (!Datasets.IsAvailable(DatasetName.LastFm))
        {
            Assert.Ignore("needs data/hetrec2011-lastfm-2k (dotnet build with REPRO_DATASET_MIRROR)");
            return;
        }
        Datasets.Load(DatasetName.LastFm).UserCount.Should().Be(LastFm.ExpectedUsers);
    }

    /// <summary>A member re-saved as UTF-16 is named as such once, without printing its NUL bytes.</summary>
    [Test]
    public void Utf16_file_is_named_without_raw_nul_bytes()
    {
        using var t = Fixture();
        File.WriteAllText(t.File("tags.dat"), Tags, Encoding.Unicode);
        var e = Assert.Throws<DatasetFormatException>(() => LastFm.Load(t.Path))!;
        e.File.Should().EndWith("tags.dat");
        e.Message.Should().Contain("found \"UTF-16 text").And.NotContain("\0");
    }
}
