using System.IO.Compression;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>The archive checks made before anything lands in data/ (hash, zip slip, all-or-nothing placement).</summary>
[TestFixture]
public sealed class SafeZipTests
{
    internal static void MakeZip(string path, params (string Name, string Text)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            w.Write(text);
        }
    }

    /// <summary>A good archive's members land in the destination, found wherever the archive keeps them.</summary>
    [Test]
    public void Extracts_the_members_of_a_good_archive()
    {
        using var t = new TempFolder();
        MakeZip(t.File("a.zip"), ("set/a.dat", "1"), ("set/b.dat", "2"), ("set/extra.txt", "x"));
        string dest = t.File("data/set");

        SafeZip.Extract(t.File("a.zip"), SafeZip.Sha256(t.File("a.zip")), ["a.dat", "b.dat"], dest);

        Directory.GetFiles(dest).Select(Path.GetFileName).Should().BeEquivalentTo("a.dat", "b.dat", DatasetFetch.StampFile);
        Directory.GetDirectories(t.File("data")).Should().ContainSingle();
    }

    /// <summary>Extracting over an incomplete folder keeps a user's own file there (it was deleted with the whole folder).</summary>
    [Test]
    public void Extract_keeps_a_users_file_in_the_destination()
    {
        using var t = new TempFolder();
        MakeZip(t.File("a.zip"), ("set/a.dat", "1"), ("set/b.dat", "2"));
        t.Write("data/set/my-notes.txt", "mine");
        t.Write("data/set/a.dat", "1");

        SafeZip.Extract(t.File("a.zip"), null, ["a.dat", "b.dat"], t.File("data/set"));

        File.ReadAllText(t.File("data/set/my-notes.txt")).Should().Be("mine");
        File.ReadAllText(t.File("data/set/b.dat")).Should().Be("2");
    }

    /// <summary>An archive whose SHA-256 differs from the pinned one is rejected before extraction; nothing is left behind.</summary>
    [Test]
    public void Archive_hash_mismatch_is_rejected_and_leaves_nothing()
    {
        using var t = new TempFolder();
        MakeZip(t.File("a.zip"), ("set/a.dat", "1"));
        string dest = t.File("data/set");

        var e = Assert.Throws<DatasetFormatException>(() => SafeZip.Extract(t.File("a.zip"), new string('0', 64), ["a.dat"], dest))!;

        e.Expected.Should().Contain(new string('0', 64));
        Directory.Exists(dest).Should().BeFalse();
        (Directory.Exists(t.File("data")) ? Directory.GetFileSystemEntries(t.File("data")) : []).Should().BeEmpty();
    }

    /// <summary>An entry named ../x would escape the extraction folder: the archive is rejected and nothing is written anywhere.</summary>
    [Test]
    public void Entry_escaping_the_folder_is_rejected_and_leaves_nothing()
    {
        using var t = new TempFolder();
        MakeZip(t.File("evil.zip"), ("set/a.dat", "1"), ("../../escaped.dat", "pwned"));
        string dest = t.File("data/set");

        var e = Assert.Throws<DatasetFormatException>(() => SafeZip.Extract(t.File("evil.zip"), null, ["a.dat"], dest))!;

        e.Found.Should().Be("../../escaped.dat");
        Directory.Exists(dest).Should().BeFalse();
        Directory.GetFileSystemEntries(t.File("data")).Should().BeEmpty();
        File.Exists(Path.Combine(t.Path, "escaped.dat")).Should().BeFalse();
        File.Exists(Path.Combine(Path.GetDirectoryName(t.Path)!, "escaped.dat")).Should().BeFalse();
    }
}
