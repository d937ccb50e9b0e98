using System.Text;
using System.Text.Json;

namespace Repro.Tests.Exchange;

/// <summary>
/// A safetensors reader and writer written for the tests from the format's description alone (8-byte little-endian
/// header length, a JSON header of {name: {dtype, shape, data_offsets}}, raw little-endian data), sharing no code with
/// Repro.Exchange.Safetensors: what the production code writes must read here, and what is written here must read there.
/// </summary>
internal static class IndependentSafetensors
{
    /// <summary>One tensor as read: dtype, shape and the float32 values (F32 only).</summary>
    public sealed record Tensor(string DType, long[] Shape, float[] Values);

    /// <summary>Every tensor of a file, and its metadata.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata, long DataStart) Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        long n = (long)(file[0] | ((ulong)file[1] << 8) | ((ulong)file[2] << 16) | ((ulong)file[3] << 24)
            | ((ulong)file[4] << 32) | ((ulong)file[5] << 40) | ((ulong)file[6] << 48) | ((ulong)file[7] << 56));
        string json = Encoding.UTF8.GetString(file, 8, (int)n);
        long start = 8 + n;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name == "__metadata__")
            {
                foreach (var m in p.Value.EnumerateObject())
                {
                    metadata[m.Name] = m.Value.GetString()!;
                }
                continue;
            }
            string dtype = p.Value.GetProperty("dtype").GetString()!;
            long[] shape = [.. p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64())];
            long begin = p.Value.GetProperty("data_offsets")[0].GetInt64(), end = p.Value.GetProperty("data_offsets")[1].GetInt64();
            var values = new float[dtype == "F32" ? (end - begin) / 4 : 0];
            for (int k = 0; k < values.Length; k++)
            {
                long at = start + begin + (4 * k);
                int bits = file[at] | (file[at + 1] << 8) | (file[at + 2] << 16) | (file[at + 3] << 24);
                values[k] = BitConverter.Int32BitsToSingle(bits);
            }
            tensors[p.Name] = new Tensor(dtype, shape, values);
        }
        return (tensors, metadata, start);
    }

    /// <summary>
    /// A file of raw entries written exactly as given: <paramref name="header"/> is the JSON text (so a test can make it
    /// lie), <paramref name="data"/> the data section, <paramref name="declaredLength"/> the header length field (default:
    /// the header's true length).
    /// </summary>
    public static byte[] Raw(string header, byte[] data, long? declaredLength = null)
    {
        byte[] h = Encoding.UTF8.GetBytes(header);
        ulong length = (ulong)(declaredLength ?? h.Length);
        var file = new byte[8 + h.Length + data.Length];
        for (int b = 0; b < 8; b++)
        {
            file[b] = (byte)(length >> (8 * b));
        }
        h.CopyTo(file, 8);
        data.CopyTo(file, 8 + h.Length);
        return file;
    }

    /// <summary>A well-formed file of the given tensors (dtype, shape, little-endian bytes), in the given order.</summary>
    public static byte[] Write(params (string Name, string DType, long[] Shape, byte[] Bytes)[] tensors)
    {
        var header = new StringBuilder("{");
        long offset = 0;
        foreach (var (name, dtype, shape, bytes) in tensors)
        {
            header.Append(header.Length > 1 ? "," : "")
                .Append('"').Append(name).Append("\":{\"dtype\":\"").Append(dtype).Append("\",\"shape\":[")
                .Append(string.Join(",", shape)).Append("],\"data_offsets\":[").Append(offset).Append(',').Append(offset + bytes.Length).Append("]}");
            offset += bytes.Length;
        }
        header.Append('}');
        return Raw(header.ToString(), [.. tensors.SelectMany(t => t.Bytes)]);
    }

    /// <summary>Float32 values as little-endian bytes.</summary>
    public static byte[] F32(IEnumerable<float> values) =>
        [.. values.SelectMany(v => { int bits = BitConverter.SingleToInt32Bits(v); return new[] { (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24) }; })];

    /// <summary>Float64 values as little-endian bytes.</summary>
    public static byte[] F64(IEnumerable<double> values) =>
        [.. values.SelectMany(v => { long bits = BitConverter.DoubleToInt64Bits(v); return Enumerable.Range(0, 8).Select(b => (byte)(bits >> (8 * b))); })];
}
