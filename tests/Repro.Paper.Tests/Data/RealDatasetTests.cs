using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Paper.Tests.Data;

/// <summary>The real datasets as SPEC §2 pins them, read from RepoPaths.Data (filled by the build).</summary>
[TestFixture]
public sealed class RealDatasetTests
{
    private static string ExtrasFile => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "datasets", "extras", "ml-1m-ratings-official-prefix-users-0001-2999.dat"));

    /// <summary>ML-1M after dropping user 4169: 6,039 × 3,706, 997,895 interactions, 6 movies rated only by user 4169.</summary>
    [Test]
    public void Ml1m_has_the_papers_size()
    {
        var d = Datasets.Load(DatasetName.Ml1m);
        d.UserCount.Should().Be(6039);
        d.ItemCount.Should().Be(3706);
        d.InteractionCount.Should().Be(997_895);
        d.ItemPopularity.Count(p => p == 0).Should().Be(6);
        d.UserExternalIds.Should().NotContain(MovieLens1M.DroppedUserId).And.BeInAscendingOrder();
        d.ItemExternalIds.Should().BeInAscendingOrder();
        d.UserAgeCodes!.Count(a => a == 1).Should().BeGreaterThan(0);
    }

    /// <summary>
    /// The official ratings.dat (timestamps, official line order) and the mirror's sorted form without timestamps give
    /// the same interaction set on users 1–2999 (the official prefix we have).
    /// </summary>
    [Test]
    public void Official_and_mirror_ratings_give_the_same_interactions()
    {
        if (!File.Exists(ExtrasFile))
        {
            Assert.Ignore($"The official-order prefix {ExtrasFile} is not here (it ships only with the offline mirror); nothing to compare.");
        }
        string ml = Path.Combine(RepoPaths.Data, "ml-1m");
        string official = Path.Combine(Path.GetTempPath(), "repro-ml1m-official-" + Guid.NewGuid().ToString("N"));
        string mirror = official + "-mirror";
        try
        {
            foreach (string dir in new[] { official, mirror })
            {
                Directory.CreateDirectory(dir);
                File.Copy(Path.Combine(ml, "movies.dat"), Path.Combine(dir, "movies.dat"));
                File.Copy(Path.Combine(ml, "users.dat"), Path.Combine(dir, "users.dat"));
            }
            File.Copy(ExtrasFile, Path.Combine(official, "ratings.dat"));
            File.WriteAllLines(Path.Combine(mirror, "ratings.dat"),
                File.ReadLines(Path.Combine(ml, "ratings.dat")).Where(l => int.Parse(l.AsSpan(0, l.IndexOf(':', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture) <= 2999));

            var a = MovieLens1M.Load(official);
            var b = MovieLens1M.Load(mirror);

            File.ReadLines(ExtrasFile).First().Split("::").Should().HaveCount(4, "the extras file is the official form with timestamps");
            a.InteractionCount.Should().Be(487_650);
            Pairs(a).Should().BeEquivalentTo(Pairs(b));
            a.ItemExternalIds.Should().Equal(b.ItemExternalIds);
        }
        finally
        {
            Directory.Delete(official, recursive: true);
            Directory.Delete(mirror, recursive: true);
        }
    }

    private static HashSet<(int User, int Movie)> Pairs(RecDataset d)
    {
        var set = new HashSet<(int, int)>();
        for (int u = 0; u < d.UserCount; u++)
        {
            foreach (int i in d.UserItems[u])
            {
                set.Add((d.UserExternalIds[u], d.ItemExternalIds[i]));
            }
        }
        return set;
    }

    /// <summary>HetRec Last.FM after the two filter passes: 1,834 users × 2,828 artists, each user with ≥ 10 artists.</summary>
    [Test]
    public void LastFm_has_the_filtered_size()
    {
        var d = Datasets.Load(DatasetName.LastFm);
        d.UserCount.Should().Be(1834);
        d.ItemCount.Should().Be(2828);
        d.InteractionCount.Should().Be(71_194);
        d.UserItems.Should().OnlyContain(items => items.Length >= LastFm.MinArtistsPerUser);
        d.ConceptTables.Select(t => t.Kind).Should().Equal("tag", "tag family");
        Enumerable.Range(0, d.ItemCount).Should().OnlyContain(i => d.Concepts.ConceptsOf(i).Count() <= LastFm.TagsPerArtist);
        d.Concepts.Names.Should().NotIntersectWith(LastFm.DroppedTags);
    }

    /// <summary>The planted synthetic set: its configured size, every item with its planted primary genre, users within their bounds.</summary>
    [Test]
    public void Synthetic_set_has_its_planted_basics()
    {
        var s = SyntheticSettings.Default;
        var d = Datasets.Load(DatasetName.Synthetic);
        d.UserCount.Should().Be(s.Users);
        d.ItemCount.Should().Be(s.Items);
        d.Concepts.Count.Should().Be(s.Genres);
        Enumerable.Range(0, d.ItemCount).Should().OnlyContain(i => d.Concepts.Has(i, i % s.Genres));
        d.UserItems.Should().OnlyContain(items => items.Length >= s.MinItemsPerUser && items.Length <= s.MaxItemsPerUser);
    }
}
