using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using Repro.Tests.Cli;
using Repro.Tests.Data;

namespace Repro.Tests.Exchange;

/// <summary>
/// Hostile exported models given to `repro reproduce --sae`: each is refused with exit 1 and an error naming the file and
/// what is wrong (the tensor and both shapes or dtypes where one is at fault), and nothing is written: no report, no model
/// in the cache.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostileImportTests
{
    private const int N = 16, M = 16;

    /// <summary>A weights file cut short is refused: the header's tensors need more bytes than the file has.</summary>
    [Test]
    public void Truncated_weights_file_is_refused()
    {
        var (sae, weights) = Copy();
        byte[] file = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, file[..^100]);
        Refused(sae, weights + ": the header's tensors hold", "the file is truncated");
    }

    /// <summary>A tensor of the wrong shape is refused naming the tensor and both shapes.</summary>
    [Test]
    public void Wrong_shape_is_refused_naming_the_tensor_and_both_shapes()
    {
        var (sae, weights) = Copy();
        var t = IndependentSafetensors.Read(weights).Tensors;
        File.WriteAllBytes(weights, IndependentSafetensors.Write(
            ("W_enc", "F32", [N, M - 1], IndependentSafetensors.F32(t["W_enc"].Values.Take(N * (M - 1)))),
            ("b_enc", "F32", [M], IndependentSafetensors.F32(t["b_enc"].Values)),
            ("W_dec", "F32", [M, N], IndependentSafetensors.F32(t["W_dec"].Values)),
            ("b_dec", "F32", [N], IndependentSafetensors.F32(t["b_dec"].Values))));
        Refused(sae, weights + ": tensor 'W_enc' has shape [16, 15]; expected [16, 16] (n = 16 inputs, m = 16 latents, from config.json).");
    }

    /// <summary>A float64 tensor is refused naming the tensor, its dtype and the one expected.</summary>
    [Test]
    public void Wrong_dtype_is_refused_naming_the_tensor()
    {
        var (sae, weights) = Copy();
        var t = IndependentSafetensors.Read(weights).Tensors;
        File.WriteAllBytes(weights, IndependentSafetensors.Write(
            ("W_enc", "F32", [N, M], IndependentSafetensors.F32(t["W_enc"].Values)),
            ("b_enc", "F64", [M], IndependentSafetensors.F64(t["b_enc"].Values.Select(v => (double)v))),
            ("W_dec", "F32", [M, N], IndependentSafetensors.F32(t["W_dec"].Values)),
            ("b_dec", "F32", [N], IndependentSafetensors.F32(t["b_dec"].Values))));
        Refused(sae, weights + ": tensor 'b_enc' has dtype F64; expected F32 (float32).");
    }

    /// <summary>A header length field that claims more bytes than the file has, or fewer than the header, is refused.</summary>
    [TestCase(1_000_000, "the header length field says")]
    [TestCase(-16, "is not a JSON object")]
    public void Header_that_lies_about_its_length_is_refused(long change, string message)
    {
        var (sae, weights) = Copy();
        byte[] file = File.ReadAllBytes(weights);
        long length = BitConverter.ToInt64(file, 0) + change;
        BitConverter.GetBytes(length).CopyTo(file, 0);
        File.WriteAllBytes(weights, file);
        Refused(sae, weights + ": " + (change > 0 ? "the header length field says " + length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "the " + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-byte header"), message);
    }

    /// <summary>An SAE exported for other data (its data fingerprint differs from this run's) is refused before any training, naming both fingerprints.</summary>
    [Test]
    public void Wrong_data_fingerprint_is_refused_before_training()
    {
        var (sae, _) = Copy();
        string config = Path.Combine(sae, "config.json");
        var json = JsonNode.Parse(File.ReadAllText(config))!;
        json["dataset"]!["fingerprint"] = "ratings.dat:0123456789ab";
        File.WriteAllText(config, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
        var (_, output, err) = Refused(sae, config + ": was exported for data with fingerprint 'ratings.dat:0123456789ab', but this run's synthetic has 'generator:");
        err.Should().Contain("Step 'check imported models' failed");
        output.Should().NotContain("trained (");
    }

    /// <summary>Untied weights (W_dec not W_encᵀ) cannot run in this suite's tied SAE and are refused naming the first differing entry.</summary>
    [Test]
    public void Untied_weights_are_refused()
    {
        var (sae, weights) = Copy();
        var t = IndependentSafetensors.Read(weights).Tensors;
        float[] dec = [.. t["W_dec"].Values];
        dec[3] += 1f;
        File.WriteAllBytes(weights, IndependentSafetensors.Write(
            ("W_enc", "F32", [N, M], IndependentSafetensors.F32(t["W_enc"].Values)),
            ("b_enc", "F32", [M], IndependentSafetensors.F32(t["b_enc"].Values)),
            ("W_dec", "F32", [M, N], IndependentSafetensors.F32(dec)),
            ("b_dec", "F32", [N], IndependentSafetensors.F32(t["b_dec"].Values))));
        Refused(sae, weights + ": W_dec[0, 3] = ", "this suite's SAEs are tied");
    }

    /// <summary>A missing tensor and an extra one are each refused by name.</summary>
    [TestCase("missing", "has no tensor 'b_dec' (expected [16] for an SAE); it has W_enc, b_enc, W_dec.")]
    [TestCase("extra", "has tensor 'W_extra', which an SAE does not have (expected exactly W_enc, b_enc, W_dec, b_dec).")]
    public void Missing_or_extra_tensor_is_refused_by_name(string change, string message)
    {
        var (sae, weights) = Copy();
        var t = IndependentSafetensors.Read(weights).Tensors;
        var entries = new List<(string, string, long[], byte[])>
        {
            ("W_enc", "F32", [N, M], IndependentSafetensors.F32(t["W_enc"].Values)),
            ("b_enc", "F32", [M], IndependentSafetensors.F32(t["b_enc"].Values)),
            ("W_dec", "F32", [M, N], IndependentSafetensors.F32(t["W_dec"].Values)),
        };
        if (change == "extra")
        {
            entries.Add(("b_dec", "F32", [N], IndependentSafetensors.F32(t["b_dec"].Values)));
            entries.Add(("W_extra", "F32", [1], IndependentSafetensors.F32([1f])));
        }
        File.WriteAllBytes(weights, IndependentSafetensors.Write([.. entries]));
        Refused(sae, weights + ": " + message);
    }

    /// <summary>A config that is not JSON, or lacks a field, is refused naming config.json.</summary>
    [Test]
    public void Damaged_config_is_refused_naming_it()
    {
        var (sae, _) = Copy();
        string config = Path.Combine(sae, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"dataset\":", "\"dataset_gone\":", StringComparison.Ordinal));
        Refused(sae, config + ": is not an exported model's config (", "dataset");
    }

    private TempFolder _folder = null!;

    /// <summary>A fresh folder per test.</summary>
    [SetUp]
    public void Fresh() => _folder = new TempFolder();

    /// <summary>Deletes it.</summary>
    [TearDown]
    public void Clean() => _folder.Dispose();

    private (string Sae, string Weights) Copy()
    {
        string sae = PlantedExport.CopyOf(PlantedExport.MfSae, _folder.Path);
        return (sae, Path.Combine(sae, "model.safetensors"));
    }

    // Runs the quick MF reproduction with the damaged SAE: exit 1, the messages on stderr, no report, no model in the cache.
    private (int Exit, string Out, string Err) Refused(string sae, params string[] messages)
    {
        string report = _folder.File("report"), cache = _folder.File("cache");
        var result = BadInputTests.Run("reproduce", "--quick", "--model", "MF", "--sae", sae, "--output", report, "--cache-dir", cache);
        result.Exit.Should().Be(1, result.Err + result.Out);
        foreach (string message in messages)
        {
            result.Err.Should().Contain(message);
        }
        Directory.Exists(report).Should().BeFalse("nothing is written for a refused import");
        (Directory.Exists(cache) ? Directory.GetFileSystemEntries(cache) : []).Should().BeEmpty("no model was trained or cached");
        return result;
    }
}
