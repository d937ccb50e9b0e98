using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>
/// The build's FetchDatasets target itself (build/Datasets.targets, the real MSBuild wiring of build/Datasets.Fetch.cs)
/// on a small mirror through a test catalogue: one case, two MSBuild runs (a few seconds), so the fast suite checks the
/// target's mirror path end to end. The archive path's cases are in Repro.Paper.Tests (FetchDatasetsTargetTests).
/// </summary>
[TestFixture]
public sealed class FetchTargetTests
{
    private static (int ExitCode, string Output) Fetch(TempFolder t)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[]
        {
            "msbuild", Path.Combine(RepoPaths.Root, "build", "Datasets.csproj"), "-t:FetchDatasets", "-nologo", "-nodeReuse:false", "-v:m",
            $"-p:DatasetCatalog={t.File("catalog.props")}", $"-p:DatasetMirror={t.File("mirror")}", $"-p:DatasetDataDir={t.File("data")}",
        })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + stderr.Result);
    }

    /// <summary>
    /// A mirror copy keeps a user's file in the data folder and removes a killed fetch's temporary folder; a truncated
    /// mirror file is then refused naming it and both hashes, leaving no temporary folder and no half-placed file.
    /// </summary>
    [Test]
    public void Mirror_fetch_keeps_user_files_and_refuses_a_truncated_mirror()
    {
        using var t = new TempFolder();
        t.Write("mirror/toy/a.dat", "1\n");
        t.Write("mirror/toy/b.dat", "2\n");
        string pinA = DatasetFetch.Sha256(t.File("mirror/toy/a.dat")), pinB = DatasetFetch.Sha256(t.File("mirror/toy/b.dat"));
        t.Write("catalog.props", $"""
            <Project>
              <ItemGroup>
                <Dataset Include="toy">
                  <Url>https://example.invalid/toy.zip</Url>
                  <ArchiveFile>toy.zip</ArchiveFile>
                  <Sha256>{new string('0', 64)}</Sha256>
                  <Folder>toy</Folder>
                  <Members>a.dat;b.dat</Members>
                  <MirrorSha256>a.dat={pinA},b.dat={pinB}</MirrorSha256>
                </Dataset>
              </ItemGroup>
            </Project>
            """);
        t.Write("data/toy/my-notes.txt", "mine");
        t.Write("data/.fetch-toy-999999999-0123/a.dat", "half a copy");

        var (code, output) = Fetch(t);

        code.Should().Be(0, output);
        File.ReadAllText(t.File("data/toy/my-notes.txt")).Should().Be("mine");
        File.ReadAllText(t.File("data/toy/b.dat")).Should().Be("2\n");
        Directory.GetDirectories(t.File("data")).Select(Path.GetFileName).Should().Equal("toy");

        File.WriteAllText(t.File("mirror/toy/b.dat"), "");
        File.Delete(t.File("data/toy/b.dat"));
        string truncated = DatasetFetch.Sha256(t.File("mirror/toy/b.dat"));

        (code, output) = Fetch(t);

        code.Should().NotBe(0);
        output.Should().Contain($"the mirror file {t.File("mirror/toy/b.dat")} has SHA-256 {truncated}, expected {pinB}");
        File.Exists(t.File("data/toy/b.dat")).Should().BeFalse();
        Directory.GetDirectories(t.File("data")).Select(Path.GetFileName).Should().Equal("toy");
    }
}
