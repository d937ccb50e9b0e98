using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;

namespace Repro.Tests.Architecture;

/// <summary>
/// Which recommender a cell uses is a <see cref="Repro.Recommenders.RecommenderKind"/>, never a string: no source file of
/// the product compares with, switches on or passes the literal "MF" or "NCF".
/// </summary>
public sealed partial class ModelKindTests
{
    [GeneratedRegex("\"(MF|NCF)\"")]
    private static partial Regex ModelLiteral();

    /// <summary>Scans src/ (comments excluded) and names every file and line with such a literal.</summary>
    [Test]
    public void No_product_code_decides_on_a_model_name_string()
    {
        string src = Path.Combine(RepoPaths.Root, "src");
        var hits = new List<string>();
        foreach (string file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].TrimStart();
                if (!code.StartsWith("//", StringComparison.Ordinal) && ModelLiteral().IsMatch(code))
                {
                    hits.Add($"{Path.GetRelativePath(src, file)}:{i + 1}: {code}");
                }
            }
        }
        hits.Should().BeEmpty("a model is a RecommenderKind; a string literal would decide behaviour by name");
    }
}
