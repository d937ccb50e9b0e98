using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Data;

/// <summary>
/// One member file of a dataset read whole into memory: existence and emptiness checks, its fingerprint, and
/// byte-level line and field parsing shared by the loaders (byte parsing keeps ML-1M's million lines well under a second).
/// </summary>
internal sealed class DataFile
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private DataFile(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
        Start = bytes.AsSpan().StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0;
    }

    // The UTF-8 byte-order mark spreadsheet programs and some editors put first: not part of the first line.
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>The file's content, as on disk (the fingerprint is of these bytes).</summary>
    public byte[] Bytes { get; }

    /// <summary>Where the text starts in <see cref="Bytes"/>: after a UTF-8 byte-order mark, else 0.</summary>
    public int Start { get; }

    /// <summary>Reads a member file; a missing or empty file is a <see cref="DatasetFormatException"/>.</summary>
    public static DataFile Read(string directory, string name, string expectedContent)
    {
        string path = System.IO.Path.Combine(directory, name);
        if (System.IO.Directory.Exists(path))
        {
            throw new DatasetFormatException(path, null, $"the member file {name} ({expectedContent}) to be a file", "a folder of that name");
        }
        if (!System.IO.File.Exists(path))
        {
            throw new DatasetFormatException(path, null, $"the member file {name} ({expectedContent}) to exist");
        }
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw new DatasetFormatException(path, null, $"{expectedContent}, but the file is empty");
        }
        // UTF-16 (a file re-saved by an editor) puts a NUL in every other byte: say so once, instead of a line error that
        // prints the NULs raw.
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 4096)).IndexOf((byte)0) >= 0)
        {
            bool bom = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));
            throw new DatasetFormatException(path, null,
                $"{expectedContent} as 8-bit text (ASCII, ISO-8859-1 or UTF-8); convert the file (e.g. `iconv -f UTF-16 -t UTF-8`) or fetch it again",
                bom ? "UTF-16 text (a byte-order mark and NUL bytes)" : "NUL bytes (binary data or UTF-16 text)");
        }
        var file = new DataFile(path, bytes);
        file.CheckLineEnds();
        return file;
    }

    // A file saved with classic Mac OS line ends (CR alone) reads as one endless line; say so instead of a field error
    // that shows the whole file.
    private void CheckLineEnds()
    {
        ReadOnlySpan<byte> text = Bytes.AsSpan(Start);
        int end = text.IndexOfAny((byte)'\r', (byte)'\n');
        if (end >= 0 && text[end] == (byte)'\r' && (end + 1 == text.Length || text[end + 1] != (byte)'\n'))
        {
            throw new DatasetFormatException(Path, 1,
                "lines ending in LF or CRLF (Unix or Windows line ends; convert the file, e.g. `tr '\\r' '\\n' < FILE > FILE.new`)",
                "CR-only line ends (classic Mac OS)");
        }
    }

    /// <summary>Name, SHA-256 (lower-case hex) and size, for the result tables.</summary>
    public FileFingerprint Fingerprint() =>
        new(System.IO.Path.GetFileName(Path), Convert.ToHexStringLower(SHA256.HashData(Bytes)), Bytes.Length);

    /// <summary>Lines without their terminator (LF or CRLF); blank lines are skipped by <see cref="LineEnumerator"/> callers.</summary>
    public LineEnumerator Lines() => new(Bytes, Start);

    /// <summary>Decodes a line as ISO-8859-1 (every byte is a character, so this cannot fail).</summary>
    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Decodes a line as strict UTF-8; invalid bytes are a <see cref="DatasetFormatException"/>.</summary>
    public string Utf8(ReadOnlySpan<byte> bytes, int line)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DatasetFormatException(Path, line, "UTF-8 text", Latin1(bytes), e);
        }
    }

    /// <summary>Most digits of an id field: every 9-digit number fits an <see cref="int"/>.</summary>
    public const int MaxIdDigits = 9;

    /// <summary>Parses a non-negative decimal integer field of at most <see cref="MaxIdDigits"/> digits.</summary>
    public int Int(ReadOnlySpan<byte> field, int line, string what)
    {
        if (field.Length > MaxIdDigits && !field.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            throw Bad(field, line, $"{what} of at most {MaxIdDigits} digits (ids up to 999,999,999)");
        }
        if (field.Length == 0 || field.Length > MaxIdDigits)
        {
            throw Bad(field, line, what);
        }
        int v = 0;
        foreach (byte b in field)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                throw Bad(field, line, what);
            }
            v = v * 10 + (int)d;
        }
        return v;
    }

    /// <summary>Checks that a field is a non-negative decimal integer of any length (timestamps are not used, only validated).</summary>
    public void Digits(ReadOnlySpan<byte> field, int line, string what)
    {
        if (field.Length == 0 || field.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            throw Bad(field, line, what);
        }
    }

    /// <summary>Parses a decimal number field (Last.FM weights are integers, but accept a fraction).</summary>
    public double Number(ReadOnlySpan<byte> field, int line, string what)
    {
        if (!double.TryParse(Latin1(field), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            throw Bad(field, line, what);
        }
        return v;
    }

    /// <summary>An exception naming this file and line.</summary>
    public DatasetFormatException Error(int? line, string expected, string? found = null) => new(Path, line, expected, found);

    private DatasetFormatException Bad(ReadOnlySpan<byte> field, int line, string what) =>
        new(Path, line, what, Latin1(field));

    /// <summary>
    /// Splits a line at <paramref name="separator"/> into at most <paramref name="ranges"/>.Length fields (the last
    /// keeps the rest of the line); returns how many fields there are.
    /// </summary>
    public static int Fields(ReadOnlySpan<byte> line, ReadOnlySpan<byte> separator, Span<Range> ranges)
    {
        int count = 0, start = 0;
        while (count < ranges.Length - 1)
        {
            int at = line[start..].IndexOf(separator);
            if (at < 0)
            {
                break;
            }
            ranges[count++] = new Range(start, start + at);
            start += at + separator.Length;
        }
        ranges[count++] = new Range(start, line.Length);
        return count;
    }

    /// <summary>Enumerates lines with 1-based numbers.</summary>
    public ref struct LineEnumerator
    {
        private readonly ReadOnlySpan<byte> _all;
        private int _pos;

        internal LineEnumerator(byte[] bytes, int start)
        {
            _all = bytes;
            _pos = start;
            Number = 0;
            Current = default;
        }

        /// <summary>The current line (terminator removed).</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>The current line's 1-based number.</summary>
        public int Number { get; private set; }

        /// <summary>Allows <c>foreach</c>.</summary>
        public readonly LineEnumerator GetEnumerator() => this;

        /// <summary>Advances to the next line.</summary>
        public bool MoveNext()
        {
            if (_pos >= _all.Length)
            {
                return false;
            }
            ReadOnlySpan<byte> rest = _all[_pos..];
            int nl = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? rest : rest[..nl];
            _pos += nl < 0 ? rest.Length : nl + 1;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            Current = line;
            Number++;
            return true;
        }
    }
}
