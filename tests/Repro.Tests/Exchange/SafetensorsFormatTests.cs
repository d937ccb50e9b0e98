using FluentAssertions;
using NUnit.Framework;
using Repro.Exchange;
using Repro.Tests.Data;

namespace Repro.Tests.Exchange;

/// <summary>
/// The safetensors format as written and read by <see cref="Safetensors"/>, checked against a reader and writer written
/// in the test from the format's description (<see cref="IndependentSafetensors"/>), and against hostile files.
/// </summary>
public sealed class SafetensorsFormatTests
{
    private static readonly NamedTensor[] Sample =
    [
        new("W_enc", [2, 3], [0f, 1.5f, -2.25f, float.Epsilon, float.MaxValue, -0f]),
        new("b_enc", [3], [1f, 2f, 3f]),
        new("scalar", [], [42f]),
    ];

    /// <summary>What the writer produces reads back with the independent reader: names, shapes, every value's bits, the metadata.</summary>
    [Test]
    public void Written_file_reads_back_with_an_independent_reader()
    {
        using var t = new TempFolder();
        File.WriteAllBytes(t.File("a.safetensors"), Safetensors.Serialize(Sample, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "λ ✓" }));
        var (tensors, metadata, _) = IndependentSafetensors.Read(t.File("a.safetensors"));
        tensors.Keys.Should().Equal("W_enc", "b_enc", "scalar");
        foreach (var s in Sample)
        {
            tensors[s.Name].DType.Should().Be("F32");
            tensors[s.Name].Shape.Should().Equal(s.Shape);
            tensors[s.Name].Values.Select(BitConverter.SingleToInt32Bits).Should().Equal(s.Values.Select(BitConverter.SingleToInt32Bits));
        }
        metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt", ["note"] = "λ ✓" });
    }

    /// <summary>The header is padded with spaces to a multiple of 8 bytes, as the reference writer does, so float32 data is aligned for memory-mapped readers.</summary>
    [Test]
    public void Header_is_padded_so_the_data_starts_on_an_8_byte_boundary()
    {
        for (int names = 1; names <= 8; names++)
        {
            byte[] file = Safetensors.Serialize([new NamedTensor(new string('x', names), [1], [1f])]);
            long headerLength = BitConverter.ToInt64(file, 0);
            (headerLength % 8).Should().Be(0);
            file[(int)(8 + headerLength - 1)].Should().BeOneOf((byte)' ', (byte)'}');
        }
    }

    /// <summary>A file written by the independent writer, its header listing tensors out of data order, reads with the production reader.</summary>
    [Test]
    public void A_file_written_by_hand_reads_with_the_production_reader()
    {
        using var t = new TempFolder();
        byte[] data = [.. IndependentSafetensors.F32([1f, 2f]), .. IndependentSafetensors.F32([3f, 4f, 5f])];
        t.WriteBytes("h.safetensors", IndependentSafetensors.Raw(
            "{\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]},\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}}", data));
        var read = Safetensors.ReadFloat32(t.File("h.safetensors"));
        read.Select(r => r.Name).Should().Equal("a", "b");
        read[0].Shape.Should().Equal(1, 2);
        read[0].Values.Should().Equal(1f, 2f);
        read[1].Values.Should().Equal(3f, 4f, 5f);
        Safetensors.ReadHeader(t.File("h.safetensors")).Metadata.Should().ContainKey("format");
    }

    /// <summary>
    /// Each hostile file is refused with an error naming the file and what is wrong, before any tensor is read (the huge
    /// shape is refused without allocating what it claims).
    /// </summary>
    [TestCase("short", "truncated: 5 bytes")]
    [TestCase("length past the end", "the header length field says 1000000 bytes, but the file has")]
    [TestCase("length beyond the format's limit", "the format allows at most")]
    [TestCase("length shorter than the header", "is not a JSON object")]
    [TestCase("data cut short", "the file is truncated")]
    [TestCase("trailing bytes", "it has trailing bytes")]
    [TestCase("overlap", "the offsets overlap")]
    [TestCase("gap", "the offsets leave a gap")]
    [TestCase("shape and offsets disagree", "tensor 'a' has shape [3] of F32 (12 bytes), but its data_offsets [0, 8] hold 8 bytes")]
    [TestCase("unknown dtype", "dtype 'F128', which the safetensors format does not define")]
    [TestCase("huge shape", "tensor 'a' has shape [100000, 100000] of F32 (40000000000 bytes), but its data_offsets [0, 8] hold 8 bytes")]
    [TestCase("negative dimension", "has shape entry -2; expected a whole number")]
    [TestCase("name twice", "the header names 'a' twice")]
    [TestCase("not an object", "not an object of tensors")]
    public void Hostile_file_is_refused_naming_the_file(string hostile, string message)
    {
        using var t = new TempFolder();
        byte[] eight = IndependentSafetensors.F32([1f, 2f]);
        const string Good = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] file = hostile switch
        {
            "short" => [1, 2, 3, 4, 5],
            "length past the end" => IndependentSafetensors.Raw(Good, eight, declaredLength: 1_000_000),
            "length beyond the format's limit" => IndependentSafetensors.Raw(Good, eight, declaredLength: long.MaxValue),
            "length shorter than the header" => IndependentSafetensors.Raw(Good, eight, declaredLength: Good.Length - 10),
            "data cut short" => IndependentSafetensors.Raw(Good, eight[..6]),
            "trailing bytes" => IndependentSafetensors.Raw(Good, [.. eight, 0, 0, 0, 0]),
            "overlap" => IndependentSafetensors.Raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight),
            "gap" => IndependentSafetensors.Raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight),
            "shape and offsets disagree" => IndependentSafetensors.Raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight),
            "unknown dtype" => IndependentSafetensors.Raw("{\"a\":{\"dtype\":\"F128\",\"shape\":[2],\"data_offsets\":[0,8]}}", eight),
            "huge shape" => IndependentSafetensors.Raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,8]}}", eight),
            "negative dimension" => IndependentSafetensors.Raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", eight),
            "name twice" => IndependentSafetensors.Raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight),
            "not an object" => IndependentSafetensors.Raw("[1, 2]", eight),
            _ => throw new ArgumentOutOfRangeException(nameof(hostile)),
        };
        t.WriteBytes("bad.safetensors", file);
        var act = () => Safetensors.ReadFloat32(t.File("bad.safetensors"));
        act.Should().Throw<ExchangeFormatException>().Which.Message.Should().StartWith(t.File("bad.safetensors") + ": ").And.Contain(message);
    }

    /// <summary>A well-formed tensor of another dtype is refused by name when float32 is asked for.</summary>
    [Test]
    public void Float64_tensor_is_refused_by_name()
    {
        using var t = new TempFolder();
        t.WriteBytes("f64.safetensors", IndependentSafetensors.Write(("a", "F32", [1], IndependentSafetensors.F32([1f])), ("b", "F64", [2], IndependentSafetensors.F64([1, 2]))));
        var act = () => Safetensors.ReadFloat32(t.File("f64.safetensors"));
        act.Should().Throw<ExchangeFormatException>().WithMessage("*tensor 'b' has dtype F64; expected F32 (float32).");
    }
}
