using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace Repro.Paper.Tests.Data;

/// <summary>
/// The build's FetchDatasets target (build/Datasets.targets) on crafted archives served from a temp folder through
/// -p:DatasetArchiveDir and a test catalogue (-p:DatasetCatalog): the real MSBuild logic, not a copy of it. Here rather
/// than in the fast suite because each case starts MSBuild (a few seconds).
/// </summary>
[TestFixture]
public sealed class FetchDatasetsTargetTests
{
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repro-fetch-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }

    private static void MakeZip(string path, params (string Name, string Text)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            w.Write(text);
        }
    }

    private static (int ExitCode, string Output) Fetch(TempFolder t, string sha256)
    {
        File.WriteAllText(t.File("catalog.props"), $"""
            <Project>
              <ItemGroup>
                <Dataset Include="toy">
                  <Url>https://example.invalid/toy.zip</Url>
                  <ArchiveFile>toy.zip</ArchiveFile>
                  <Sha256>{sha256}</Sha256>
                  <Folder>toy</Folder>
                  <Members>a.dat;b.dat</Members>
                </Dataset>
              </ItemGroup>
            </Project>
            """);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
        {
            "msbuild", Path.Combine(RepoPaths.Root, "build", "Datasets.csproj"), "-t:FetchDatasets", "-nologo", "-nodeReuse:false", "-v:m",
            $"-p:DatasetCatalog={t.File("catalog.props")}", $"-p:DatasetArchiveDir={t.File("archives")}", $"-p:DatasetDataDir={t.File("data")}",
        })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("REPRO_DATASET_MIRROR");
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    private static TempFolder WithArchive(params (string Name, string Text)[] entries)
    {
        var t = new TempFolder();
        Directory.CreateDirectory(t.File("archives"));
        Directory.CreateDirectory(t.File("data"));
        MakeZip(t.File("archives/toy.zip"), entries);
        return t;
    }

    /// <summary>A good archive with the pinned hash fills data/toy/ with exactly the members and leaves no temporaries.</summary>
    [Test]
    public void Good_archive_is_extracted_into_place()
    {
        using var t = WithArchive(("toy/a.dat", "1"), ("toy/b.dat", "2"), ("toy/c.txt", "3"));
        var (code, output) = Fetch(t, Repro.Data.SafeZip.Sha256(t.File("archives/toy.zip")).ToUpperInvariant());

        code.Should().Be(0, output);
        Directory.GetFiles(t.File("data/toy")).Select(Path.GetFileName).Should().BeEquivalentTo("a.dat", "b.dat", ".repro-fetched");
        Directory.GetFileSystemEntries(t.File("data")).Should().ContainSingle();
    }

    /// <summary>An archive whose SHA-256 is not the pinned one fails the build with one message and leaves data/ untouched.</summary>
    [Test]
    public void Archive_hash_mismatch_fails_the_build_and_leaves_nothing()
    {
        using var t = WithArchive(("toy/a.dat", "1"), ("toy/b.dat", "2"));
        var (code, output) = Fetch(t, new string('a', 64));

        code.Should().NotBe(0);
        output.Should().Contain("SHA-256").And.Contain(new string('a', 64));
        Directory.GetFileSystemEntries(t.File("data")).Should().BeEmpty();
    }

    /// <summary>An entry named ../ is rejected before anything is extracted; nothing lands in or beside data/.</summary>
    [Test]
    public void Entry_escaping_the_folder_fails_the_build_and_leaves_nothing()
    {
        using var t = WithArchive(("toy/a.dat", "1"), ("toy/b.dat", "2"), ("../../escaped.dat", "x"));
        var (code, output) = Fetch(t, Repro.Data.SafeZip.Sha256(t.File("archives/toy.zip")));

        code.Should().NotBe(0);
        output.Should().Contain("outside the extraction folder").And.Contain("../../escaped.dat");
        Directory.GetFileSystemEntries(t.File("data")).Should().BeEmpty();
        File.Exists(t.File("escaped.dat")).Should().BeFalse();
    }
}
