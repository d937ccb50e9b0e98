using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text;

namespace Repro.Exchange;

/// <summary>A float32 tensor by name: its shape and its values in row-major order.</summary>
/// <param name="Name">The tensor's name in the file.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Values">Row-major float32 values (as many as the shape holds).</param>
public sealed record NamedTensor(string Name, long[] Shape, float[] Values)
{
    /// <summary>"[22, 20]".</summary>
    public static string ShapeText(IReadOnlyList<long> shape) => "[" + string.Join(", ", (shape ?? []).Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}

/// <summary>One tensor's entry in a safetensors header.</summary>
/// <param name="Name">Its name.</param>
/// <param name="DType">The format's dtype code ("F32", "F64", "I64", …).</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Begin">First byte of its data, counted from the start of the data section.</param>
/// <param name="End">One past its last byte.</param>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End);

/// <summary>A safetensors header that has been checked against its file.</summary>
/// <param name="File">The file it was read from.</param>
/// <param name="Entries">The tensors, in data order.</param>
/// <param name="Metadata">The optional <c>__metadata__</c> strings.</param>
/// <param name="DataStart">Byte offset of the data section in the file (8 + the header's length).</param>
public sealed record SafetensorsHeader(string File, IReadOnlyList<SafetensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart)
{
    /// <summary>The entry of <paramref name="name"/>, or null.</summary>
    public SafetensorsEntry? Find(string name) => Entries.FirstOrDefault(e => e.Name == name);
}

/// <summary>
/// The safetensors format (PyTorch's and Hugging Face's way to share tensors without pickle): an 8-byte little-endian
/// header length N, N bytes of JSON <c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {…}}</c>,
/// then the raw little-endian data, each tensor's bytes at its offsets from the end of the header. Written here rather
/// than through TorchSharp.PyBridge (README, "Models that travel"): its writer leaves the data unaligned and has no
/// metadata, and its reader allocates what a header claims before checking the file holds it. The header is padded
/// with spaces to a multiple of 8 bytes, as the reference writer does, so every float32 lies on an aligned address.
/// Reading checks everything the reference reader checks (a header within the file, known dtypes, offsets that tile
/// the data section exactly, sizes that match shapes) before any tensor is read, and names the file in every error.
/// </summary>
public static class Safetensors
{
    /// <summary>The largest header accepted (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>Bytes per element of each dtype code the format defines.</summary>
    private static readonly Dictionary<string, int> ElementBytes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1,
        ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4,
        ["I64"] = 8, ["U64"] = 8, ["F64"] = 8,
    };

    /// <summary>The whole file for float32 <paramref name="tensors"/> (in the given order) and optional metadata.</summary>
    public static byte[] Serialize(IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var json = new MemoryStream();
        long offset = 0;
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    w.WriteString(key, value);
                }
                w.WriteEndObject();
            }
            foreach (var t in tensors)
            {
                if (t.Name == MetadataKey || !names.Add(t.Name))
                {
                    throw new ArgumentException($"Tensor name '{t.Name}' is reserved or used twice.", nameof(tensors));
                }
                long count = Count(t.Shape) ?? throw new ArgumentException($"Tensor '{t.Name}' has a negative or oversized shape {NamedTensor.ShapeText(t.Shape)}.", nameof(tensors));
                if (count != t.Values.Length)
                {
                    throw new ArgumentException($"Tensor '{t.Name}' has {t.Values.Length} values for shape {NamedTensor.ShapeText(t.Shape)}.", nameof(tensors));
                }
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (long d in t.Shape)
                {
                    w.WriteNumberValue(d);
                }
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + (4 * count));
                w.WriteEndArray();
                w.WriteEndObject();
                offset += 4 * count;
            }
            w.WriteEndObject();
        }
        int headerLength = (int)json.Length;
        int padded = (headerLength + 7) / 8 * 8;
        var file = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.GetBuffer().AsSpan(0, headerLength).CopyTo(file.AsSpan(8));
        file.AsSpan(8 + headerLength, padded - headerLength).Fill((byte)' ');
        int at = 8 + padded;
        foreach (var t in tensors)
        {
            foreach (float v in t.Values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(at, 4), v);
                at += 4;
            }
        }
        return file;
    }

    /// <summary>Reads and checks the header of <paramref name="path"/> (nothing of the data is read).</summary>
    /// <exception cref="ExchangeFormatException">The file is not a well-formed safetensors file.</exception>
    public static SafetensorsHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = Open(path);
        return ReadHeader(path, stream);
    }

    /// <summary>Every tensor of <paramref name="path"/> as float32, after the header is checked; a tensor of another dtype is an error naming it.</summary>
    /// <exception cref="ExchangeFormatException">The file is malformed or holds a tensor that is not float32.</exception>
    public static IReadOnlyList<NamedTensor> ReadFloat32(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = Open(path);
        var header = ReadHeader(path, stream);
        foreach (var e in header.Entries.Where(e => e.DType != "F32"))
        {
            throw new ExchangeFormatException(path, $"tensor '{e.Name}' has dtype {e.DType}; expected F32 (float32).");
        }
        var tensors = new List<NamedTensor>(header.Entries.Count);
        foreach (var e in header.Entries)
        {
            var bytes = new byte[e.End - e.Begin];
            stream.Position = header.DataStart + e.Begin;
            stream.ReadExactly(bytes);
            var values = new float[bytes.Length / 4];
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * k, 4));
            }
            tensors.Add(new NamedTensor(e.Name, e.Shape, values));
        }
        return tensors;
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExchangeFormatException(path, "cannot be read (" + e.Message + ").", e);
        }
    }

    private static SafetensorsHeader ReadHeader(string path, FileStream stream)
    {
        long length = stream.Length;
        if (length < 8)
        {
            throw new ExchangeFormatException(path, string.Create(CultureInfo.InvariantCulture,
                $"truncated: {length} bytes, but a safetensors file starts with an 8-byte header length."));
        }
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (declared > MaxHeaderBytes || (long)declared > length - 8)
        {
            throw new ExchangeFormatException(path, string.Create(CultureInfo.InvariantCulture,
                $"the header length field says {declared} bytes, but the file has {length - 8} bytes after it{(declared > MaxHeaderBytes ? $" (and the format allows at most {MaxHeaderBytes})" : "")}: the file is truncated or its header lies about its length."));
        }
        var headerBytes = new byte[declared];
        stream.ReadExactly(headerBytes);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw new ExchangeFormatException(path, string.Create(CultureInfo.InvariantCulture,
                $"the {declared}-byte header is not a JSON object ({e.Message}): the file is damaged or its header length field is wrong."), e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ExchangeFormatException(path, "the header is JSON but not an object of tensors.");
            }
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new ExchangeFormatException(path, $"the header names '{property.Name}' twice.");
                }
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }
                entries.Add(ReadEntry(path, property));
            }
            long dataStart = 8 + (long)declared;
            CheckTiling(path, entries, length - dataStart);
            return new SafetensorsHeader(path, [.. entries.OrderBy(e => e.Begin).ThenBy(e => e.End)], metadata, dataStart);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ExchangeFormatException(path, "__metadata__ is not an object of strings.");
        }
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
            {
                throw new ExchangeFormatException(path, $"__metadata__ entry '{m.Name}' is not a string.");
            }
            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static SafetensorsEntry ReadEntry(string path, JsonProperty property)
    {
        string name = property.Name;
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new ExchangeFormatException(path, $"tensor '{name}' needs dtype (a string), shape (an array) and data_offsets ([begin, end]) in the header.");
        }
        string code = dtype.GetString()!;
        if (!ElementBytes.TryGetValue(code, out int size))
        {
            throw new ExchangeFormatException(path, $"tensor '{name}' has dtype '{code}', which the safetensors format does not define.");
        }
        long[] dims = [.. shape.EnumerateArray().Select(d => Whole(path, name, "shape", d))];
        long begin = Whole(path, name, "data_offsets", offsets[0]), end = Whole(path, name, "data_offsets", offsets[1]);
        long? count = Count(dims);
        if (count is null || end < begin || end - begin != count * size)
        {
            throw new ExchangeFormatException(path, string.Create(CultureInfo.InvariantCulture,
                $"tensor '{name}' has shape {NamedTensor.ShapeText(dims)} of {code}{(count is { } c ? $" ({c * size} bytes)" : "")}, but its data_offsets [{begin}, {end}] hold {end - begin} bytes."));
        }
        return new SafetensorsEntry(name, code, dims, begin, end);
    }

    private static long Whole(string path, string name, string field, JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= 0)
        {
            return v;
        }
        throw new ExchangeFormatException(path, $"tensor '{name}' has {field} entry {e.GetRawText()}; expected a whole number ≥ 0.");
    }

    // The tensors' byte ranges must cover the data section exactly: no gap, no overlap, nothing past its end, nothing after.
    private static void CheckTiling(string path, List<SafetensorsEntry> entries, long dataBytes)
    {
        long at = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != at)
            {
                throw new ExchangeFormatException(path, string.Create(CultureInfo.InvariantCulture,
                    $"tensor '{e.Name}' starts at data byte {e.Begin}, but the tensors before it end at {at}: the offsets {(e.Begin < at ? "overlap" : "leave a gap")}."));
            }
            at = e.End;
        }
        if (at != dataBytes)
        {
            throw new ExchangeFormatException(path, string.Create(CultureInfo.InvariantCulture,
                $"the header's tensors hold {at} bytes of data, but the file has {dataBytes} after the header: {(at > dataBytes ? "the file is truncated" : "it has trailing bytes")}."));
        }
    }

    // Elements of a shape, or null when it overflows (a hostile header); the empty shape is a scalar of one element.
    private static long? Count(long[] shape)
    {
        long n = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                return null;
            }
            try
            {
                n = checked(n * d);
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        return n > long.MaxValue / 8 ? null : n;
    }
}
