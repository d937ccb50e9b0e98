using FluentAssertions;
using NUnit.Framework;

namespace Repro.Tests.Architecture;

/// <summary>
/// Imports point down the pipeline: the pipeline's folders of Repro.Core compute and return records, each using only
/// the folders before it (README's order: data, recommenders, SAEs, analysis, interventions, experiments, claims, and
/// the orchestration on top); rendering lives in Repro.Presentation, approved-table infrastructure in the
/// Repro.Approvals project, and Repro.Core never references it.
/// </summary>
public class LayeringTests
{
    /// <summary>The pipeline's folders under src/Repro.Core, in pipeline order (each is its namespace under Repro).</summary>
    private static readonly string[] PipelineFolders = ["Data", "Recommenders", "SparseAutoencoders", "Exchange", "Analysis", "Interventions", "Experiments", "Claims", "Orchestration"];

    /// <summary>
    /// Every type of Repro.Core refers (in its signatures or its code, as compiled) only to types of its own layer or
    /// layers before it: the root namespace's utilities first, then the pipeline folders in order, Presentation last.
    /// Each offence names both types and their layers.
    /// </summary>
    [Test]
    public void Every_core_type_refers_only_down_the_pipeline()
    {
        var layers = new[] { "Repro" }.Concat(PipelineFolders.Select(f => "Repro." + f)).Append("Repro.Presentation").ToList();
        int Layer(Type t) => t.Namespace is { } ns ? layers.IndexOf(ns) : -1;
        var core = typeof(RepoPaths).Assembly;
        var types = core.GetTypes();
        types.Select(t => t.Namespace).Where(ns => ns is not null && ns.StartsWith("Repro", StringComparison.Ordinal)).Distinct()
            .Should().OnlyContain(ns => layers.Contains(ns!), "every namespace of Repro.Core is a layer of the pipeline");
        var offences = types
            .Where(t => Layer(t) >= 0)
            .SelectMany(t => TypeReferences.Of(t).Where(r => r.Assembly == core && Layer(r) > Layer(t))
                .Select(r => $"{t.FullName} ({t.Namespace}) refers to {r.FullName} ({r.Namespace}), a later layer"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        offences.Should().BeEmpty("imports point down the pipeline: " + string.Join(" → ", layers));
    }

    /// <summary>The reference scan sees a type named in code only (a call in a method body), not just in signatures.</summary>
    [Test]
    public void Reference_scan_sees_calls_in_method_bodies()
    {
        TypeReferences.Of(typeof(Repro.Orchestration.PaperResults)).Should().Contain(typeof(Repro.Experiments.ConceptExperiment));
        TypeReferences.Of(typeof(Repro.Claims.ClaimsLedger)).Should().Contain(typeof(Repro.Claims.MissingEvidenceException));
    }

    /// <summary>
    /// What a pipeline file may not name: the presentation layer's namespace, the approvals (project Repro.Approvals,
    /// namespace Repro.Snapshots), and the table type. A plain text match catches using directives and qualified names alike.
    /// </summary>
    private static readonly string[] Forbidden = ["Repro.Presentation", "Repro.Approvals", "Repro.Snapshots", "MarkdownTable"];

    /// <summary>No file of Data, Recommenders, SparseAutoencoders, Analysis, Interventions or Experiments names Presentation, the approvals or MarkdownTable; each offence is reported with its file and line.</summary>
    [Test]
    public void Pipeline_files_name_no_presentation_or_approvals_code()
    {
        string core = Path.Combine(RepoPaths.Root, "src", "Repro.Core");
        var files = PipelineFolders
            .SelectMany(folder => Directory.GetFiles(Path.Combine(core, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(core, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        files.Select(f => f.Split('/')[0]).Distinct().Should().BeEquivalentTo(PipelineFolders, "every pipeline folder is scanned");

        var offences = files
            .SelectMany(f => Offences(f, File.ReadAllText(Path.Combine(core, f))))
            .ToList();
        offences.Should().BeEmpty("the pipeline returns records and Repro.Presentation renders them (move the rendering there)");
    }

    /// <summary>The scan names the file and 1-based line of every forbidden name, a using directive or a qualified name alike, and passes clean text.</summary>
    [Test]
    public void Scan_names_file_and_line()
    {
        const string text = "using Repro.Data;\nusing Repro.Presentation;\n\nnamespace Repro.Analysis;\n// x = Repro.Snapshots.LineDiff.Printable(y);\nvar t = new MarkdownTable(\"a\");\n";
        Offences("Analysis/Bad.cs", text).Should().Equal(
            "Analysis/Bad.cs:2 names Repro.Presentation: using Repro.Presentation;",
            "Analysis/Bad.cs:5 names Repro.Snapshots: // x = Repro.Snapshots.LineDiff.Printable(y);",
            "Analysis/Bad.cs:6 names MarkdownTable: var t = new MarkdownTable(\"a\");");
        Offences("Analysis/Good.cs", "using Repro.Data;\nnamespace Repro.Analysis;\n").Should().BeEmpty();
    }

    /// <summary>Repro.Core.dll references no Repro.Approvals assembly: the approval infrastructure is not shipped with the product.</summary>
    [Test]
    public void Core_assembly_does_not_reference_the_approvals()
    {
        var core = typeof(RepoPaths).Assembly;
        core.GetName().Name.Should().Be("Repro.Core");
        core.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain("Repro.Approvals");
    }

    // One line per (line, forbidden name): "Folder/File.cs:LINE names NAME: the line".
    private static IEnumerable<string> Offences(string file, string text)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (string name in Forbidden.Where(n => lines[i].Contains(n, StringComparison.Ordinal)))
            {
                yield return $"{file}:{i + 1} names {name}: {lines[i].Trim()}";
            }
        }
    }
}
