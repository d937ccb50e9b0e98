using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Repro.Analyzers.Tests;

/// <summary>Compiles a C# snippet against TorchSharp with <see cref="ScalarTemporaryAnalyzer"/> attached.</summary>
internal static class Snippets
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(TorchSharp.Scalar).Assembly.Location),
    ]);

    /// <summary>The analyzer's diagnostics on <paramref name="body"/>, placed in a method of a class with TorchSharp's usings; fails on compile errors.</summary>
    public static IReadOnlyList<Diagnostic> Analyze(string body, string members = "")
    {
        string source = $$"""
            using System;
            using System.Linq;
            using TorchSharp;
            using static TorchSharp.torch;
            public sealed class Snippet
            {
                {{members}}
                public object Run(Tensor a, Tensor b, double x, Scalar kept)
                {
                    {{body}}
                }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Snippet", [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The snippet does not compile: " + string.Join("; ", errors));
        }
        return compilation.WithAnalyzers([new ScalarTemporaryAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
