using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.Tests.EndToEnd;

namespace Repro.Tests.Exchange;

/// <summary>
/// The outside check, where a Python with PyTorch is installed: the README's five-line snippet runs on the planted
/// export (its two paths swapped for the planted files) and must print the report's neuron card. Without PyTorch the test
/// is ignored with the reason; <see cref="ExportedModelTests.Readme_snippet_reproduces_the_neuron_cards_from_the_exported_files"/>
/// computes the same numbers with the test's own reader everywhere.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class PythonInteropTests
{
    private static readonly string[] Pythons = ["python3", "/usr/bin/python3"];

    // Used when a Python has torch but not the safetensors package: load_file from the format's description.
    private const string Shim = """
        import sys, types, json, struct, torch
        try:
            import safetensors.torch
        except ImportError:
            def load_file(path):
                raw = open(path, "rb").read()
                n = struct.unpack("<Q", raw[:8])[0]
                header = json.loads(raw[8:8 + n])
                out = {}
                for name, e in header.items():
                    if name == "__metadata__":
                        continue
                    assert e["dtype"] == "F32"
                    b, f = e["data_offsets"]
                    out[name] = torch.frombuffer(bytearray(raw[8 + n + b:8 + n + f]), dtype=torch.float32).reshape(e["shape"])
                return out
            st = types.ModuleType("safetensors"); st.torch = types.ModuleType("safetensors.torch"); st.torch.load_file = load_file
            sys.modules["safetensors"] = st; sys.modules["safetensors.torch"] = st.torch
        """;

    /// <summary>The README's snippet, run by Python on the planted export, prints neuron 0's top-10 items and activations of the report's neuron card.</summary>
    [Test]
    public void Readme_snippet_runs_in_python_and_prints_the_neuron_card()
    {
        string? python = Pythons.FirstOrDefault(p => Runs(p, "import torch").Exit == 0);
        if (python is null)
        {
            Assert.Ignore($"No Python with PyTorch here ({string.Join(", ", Pythons)} lack `import torch`; safetensors alone cannot run the snippet): "
                + "the snippet's numbers are checked by ExportedModelTests.Readme_snippet_reproduces_the_neuron_cards_from_the_exported_files with the test's own reader.");
        }
        string snippet = ReadmeSnippet();
        var paths = LoadFilePath().Matches(snippet);
        paths.Should().HaveCount(2, "the snippet loads the recommender and the SAE");
        snippet = snippet.Replace(paths[0].Groups[1].Value, Path.Combine(PlantedExport.MfRecommender, "model.safetensors"), StringComparison.Ordinal)
            .Replace(paths[1].Groups[1].Value, Path.Combine(PlantedExport.MfSae, "model.safetensors"), StringComparison.Ordinal);
        string script = Shim + "\n" + snippet + "\nimport json\ntop = z[:, 0].topk(10)\nprint('RESULT ' + json.dumps({'items': top.indices.tolist(), 'values': top.values.tolist(), 'W_enc': list(sae['W_enc'].shape)}))\n";
        var (exit, output) = Runs(python, script);
        exit.Should().Be(0, output);
        using var result = JsonDocument.Parse(output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal))["RESULT ".Length..]);
        var card = PlantedRun.Results.Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF)).NeuronCards.Cards[0];
        result.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(card.TopItems.Select(t => t.Item));
        result.RootElement.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(card.TopItems.Select(t => t.Activation), (a, b) => Math.Abs(a - b) < 1e-4);
        result.RootElement.GetProperty("W_enc").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(16, 16);
    }

    /// <summary>The README's snippet is five lines of Python that load both files with safetensors and apply the config's formulas.</summary>
    [Test]
    public void Readme_snippet_is_five_lines_that_apply_the_config_formulas()
    {
        string snippet = ReadmeSnippet();
        snippet.TrimEnd('\n').Split('\n').Should().HaveCount(5);
        snippet.Should().Contain("from safetensors.torch import load_file")
            .And.Contain("(x.std(1, keepdim=True) + 1e-5)")
            .And.Contain("torch.relu((x - sae[\"b_dec\"]) @ sae[\"W_enc\"] + sae[\"b_enc\"])")
            .And.Contain("topk(10)");
    }

    /// <summary>The Python lines between the README's snippet markers.</summary>
    internal static string ReadmeSnippet()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        int start = readme.IndexOf("<!-- python-snippet -->", StringComparison.Ordinal), end = readme.IndexOf("<!-- /python-snippet -->", StringComparison.Ordinal);
        start.Should().BePositive("README.md marks its Python snippet");
        string block = readme[start..end];
        return block[(block.IndexOf("```python\n", StringComparison.Ordinal) + "```python\n".Length)..block.LastIndexOf("```", StringComparison.Ordinal)];
    }

    private static (int Exit, string Output) Runs(string python, string code)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add("-");
        try
        {
            using var p = Process.Start(psi)!;
            p.StandardInput.Write(code);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + err);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    [GeneratedRegex("load_file\\(\"([^\"]+)\"\\)")]
    private static partial Regex LoadFilePath();
}
