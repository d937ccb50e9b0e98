using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>
/// The dataset fetch's rules (build/Datasets.Fetch.cs, the same file the build's inline task compiles): it never deletes
/// what it did not create, checks mirror files against their pins, repairs its own damaged files and removes the
/// leftovers of killed runs.
/// </summary>
[TestFixture]
public sealed class DatasetFetchTests
{
    private static readonly string[] Members = ["a.dat", "b.dat"];

    private static string Staged(TempFolder t, string a = "1", string b = "2")
    {
        t.Write("staged/a.dat", a);
        t.Write("staged/b.dat", b);
        return t.File("staged");
    }

    /// <summary>A user's own file beside the members (data/ml-1m/my-notes.txt) survives a fetch into that folder.</summary>
    [Test]
    public void Place_keeps_files_it_did_not_write()
    {
        using var t = new TempFolder();
        t.Write("data/set/my-notes.txt", "mine");
        t.Write("data/set/analysis.ipynb", "{}");
        DatasetFetch.Place("set", Staged(t), t.File("data/set"), Members, "mirror:x");
        File.ReadAllText(t.File("data/set/my-notes.txt")).Should().Be("mine");
        File.ReadAllText(t.File("data/set/analysis.ipynb")).Should().Be("{}");
        File.ReadAllText(t.File("data/set/a.dat")).Should().Be("1");
    }

    /// <summary>A member present but not written by the fetch, and different, is a user's file in the way: refused, nothing changed.</summary>
    [Test]
    public void Place_refuses_when_a_users_file_is_in_the_way()
    {
        using var t = new TempFolder();
        t.Write("data/set/a.dat", "the user's own a.dat");
        var e = Assert.Throws<DatasetFetchException>(() => DatasetFetch.Place("set", Staged(t), t.File("data/set"), Members, "mirror:x"))!;
        e.Message.Should().Contain(t.File("data/set/a.dat")).And.Contain("was not written by the build").And.Contain("Move that file away");
        File.ReadAllText(t.File("data/set/a.dat")).Should().Be("the user's own a.dat");
        File.Exists(t.File("data/set/b.dat")).Should().BeFalse();
        File.Exists(t.File("data/set/" + DatasetFetch.StampFile)).Should().BeFalse();
    }

    /// <summary>A file the fetch wrote and that was truncated since makes the folder stale, and the next fetch replaces it.</summary>
    [Test]
    public void Own_damaged_file_is_stale_and_replaced()
    {
        using var t = new TempFolder();
        var sources = DatasetFetch.Sources("ab", "a.dat=x");
        DatasetFetch.Place("set", Staged(t), t.File("data/set"), Members, sources.First());
        DatasetFetch.Stale(t.File("data/set"), Members, sources).Should().BeNull();

        File.WriteAllText(t.File("data/set/a.dat"), "");
        DatasetFetch.Stale(t.File("data/set"), Members, sources).Should().Contain("a.dat changed since the build wrote it");
        DatasetFetch.Place("set", Staged(t, a: "1"), t.File("data/set"), Members, sources.First());
        File.ReadAllText(t.File("data/set/a.dat")).Should().Be("1");
    }

    /// <summary>A changed pin (archive or mirror) makes a stamped folder stale, so the build fetches it again.</summary>
    [Test]
    public void Changed_pin_is_stale()
    {
        using var t = new TempFolder();
        DatasetFetch.Place("set", Staged(t), t.File("data/set"), Members, DatasetFetch.Sources("ab", "a.dat=x").Last());
        DatasetFetch.Stale(t.File("data/set"), Members, DatasetFetch.Sources("ab", "a.dat=x")).Should().BeNull();
        DatasetFetch.Stale(t.File("data/set"), Members, DatasetFetch.Sources("ab", "a.dat=y")).Should().Contain("pinned SHA-256 changed");
    }

    /// <summary>A missing member is named; a complete folder without a stamp (an older build, or by hand) is left to the loaders.</summary>
    [Test]
    public void Missing_member_is_named_and_unstamped_complete_folder_is_kept()
    {
        using var t = new TempFolder();
        t.Write("data/set/a.dat", "1");
        DatasetFetch.Stale(t.File("data/set"), Members, DatasetFetch.Sources("", "")).Should().Be("missing b.dat");
        t.Write("data/set/b.dat", "2");
        DatasetFetch.Stale(t.File("data/set"), Members, DatasetFetch.Sources("", "")).Should().BeNull();
    }

    /// <summary>A truncated mirror file is refused naming the file, both hashes and what to do (it was copied silently).</summary>
    [Test]
    public void Mirror_file_with_another_hash_is_refused()
    {
        using var t = new TempFolder();
        t.Write("mirror/set/a.dat", "1");
        t.Write("mirror/set/b.dat", "truncat");
        var pins = new Dictionary<string, string> { ["a.dat"] = DatasetFetch.Sha256(t.File("mirror/set/a.dat")), ["b.dat"] = new string('b', 64) };
        string actual = DatasetFetch.Sha256(t.File("mirror/set/b.dat"));

        var e = Assert.Throws<DatasetFetchException>(() => DatasetFetch.StageFromMirror("set", t.File("mirror/set"), Members, pins, t.File("staged")))!;

        e.Message.Should().Contain(t.File("mirror/set/b.dat")).And.Contain(actual).And.Contain(new string('b', 64))
            .And.Contain("truncated or altered").And.Contain("-p:SkipDatasetFetch=true");
    }

    /// <summary>Temporary folders of a dead process (a killed copy left 0.8–2.8 GB) are removed; a live run's and unrelated folders stay.</summary>
    [Test]
    public void Leftovers_of_dead_fetches_are_removed()
    {
        using var t = new TempFolder();
        t.Write(".fetch-set-999999999-0123/a.dat", "half");
        t.Write($".fetch-set-{Environment.ProcessId}-4567/a.dat", "in progress");
        t.Write(".fetch-other-999999999-89ab/a.dat", "another dataset's");
        t.Write("set/a.dat", "1");

        DatasetFetch.RemoveLeftovers(t.Path, "set").Should().ContainSingle().Which.Should().EndWith(".fetch-set-999999999-0123");

        Directory.GetDirectories(t.Path).Select(Path.GetFileName).Should().BeEquivalentTo($".fetch-set-{Environment.ProcessId}-4567", ".fetch-other-999999999-89ab", "set");
    }

    /// <summary>The catalogue is read from build/Datasets.props (one source for the build and the code), with every mirror pin.</summary>
    [Test]
    public void Catalogue_comes_from_the_props_file()
    {
        Datasets.Ml1m.Folder.Should().Be("ml-1m");
        Datasets.Ml1m.ArchiveSha256.Should().StartWith("a6898adb");
        Datasets.Ml1m.Files.Should().Contain(["ratings.dat", "movies.dat", "users.dat", "README"]);
        Datasets.Ml1m.MirrorSha256["ratings.dat"].Should().StartWith("8644714f");
        Datasets.LastFmEntry.Folder.Should().Be("hetrec2011-lastfm-2k");
        Datasets.LastFmEntry.MirrorSha256.Keys.Should().BeEquivalentTo(Datasets.LastFmEntry.Files);
    }

    /// <summary>The copies in data/ that the build took from the mirror match the catalogue's pins (skipped without data or a stamp).</summary>
    [Test]
    public void Fetched_copies_match_the_pins()
    {
        foreach (var entry in new[] { Datasets.Ml1m, Datasets.LastFmEntry })
        {
            string dir = Datasets.FolderOf(entry);
            var stamp = DatasetFetch.ReadStamp(dir);
            if (stamp is null || !stamp["source"].StartsWith("mirror:", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (string file in entry.Files)
            {
                DatasetFetch.Sha256(Path.Combine(dir, file)).Should().Be(entry.MirrorSha256[file], file);
            }
        }
    }
}
