using FluentAssertions;
using Repro.Tests.Cli;
using Repro.Tests.EndToEnd;

namespace Repro.Tests.Exchange;

/// <summary>
/// One `repro export --quick` of the planted set, shared by the exchange tests: it reads the shared planted run's model
/// cache (<see cref="PlantedRun"/>, training there what is missing, as any quick run would) and writes every model of the
/// run into a temporary folder removed when the assembly finishes.
/// </summary>
internal static class PlantedExport
{
    /// <summary>The temporary folder holding the export (and what tests make beside it).</summary>
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "repro-exchange-" + Guid.NewGuid().ToString("N"));

    private static readonly Lazy<string> Exported = new(() =>
    {
        string folder = Path.Combine(Root, "export");
        var (exit, output, err) = BadInputTests.Run("export", "--quick", "--output", folder, "--cache-dir", PlantedRun.CacheDirectory);
        exit.Should().Be(0, "the export succeeds: " + err + output);
        return folder;
    });

    /// <summary>The export folder (exported on first use).</summary>
    public static string Folder => Exported.Value;

    /// <summary>The one exported model folder whose name starts with <paramref name="prefix"/> (e.g. "synthetic-mf-sae-plain-m16-lpred1-").</summary>
    public static string Model(string prefix)
    {
        var found = Directory.GetDirectories(Folder, prefix + "*");
        found.Should().ContainSingle($"one exported model starts with {prefix}");
        return found[0];
    }

    /// <summary>The paper-setting MF SAE of the planted set (λ_pred = 1, m = 16).</summary>
    public static string MfSae => Model("synthetic-mf-sae-plain-m16-lpred1-");

    /// <summary>The paper-setting NCF SAE of the planted set (λ_pred = 10, m = 16).</summary>
    public static string NcfSae => Model("synthetic-ncf-sae-plain-m16-lpred10-");

    /// <summary>The planted MF recommender.</summary>
    public static string MfRecommender => Model("synthetic-mf-recommender-");

    /// <summary>The planted NCF recommender.</summary>
    public static string NcfRecommender => Model("synthetic-ncf-recommender-");

    /// <summary>A copy of an exported model folder under <paramref name="parent"/>, for a test to damage.</summary>
    public static string CopyOf(string model, string parent)
    {
        string copy = Path.Combine(parent, Path.GetFileName(model));
        Directory.CreateDirectory(copy);
        foreach (string f in Directory.GetFiles(model))
        {
            File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        }
        return copy;
    }

    /// <summary>Deletes the temporary folder (once, at the end of the test run).</summary>
    public static void Release()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
