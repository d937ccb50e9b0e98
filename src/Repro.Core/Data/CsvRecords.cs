namespace Repro.Data;

/// <summary>
/// RFC 4180 records of a <see cref="DataFile"/>: comma-separated fields, a field in double quotes may hold commas,
/// line breaks and doubled quotes (<c>"Lion King, The (1994)"</c>, <c>"""Great"" Escape"</c>). Fields are strict UTF-8.
/// </summary>
internal ref struct CsvRecords
{
    private readonly DataFile _file;
    private readonly ReadOnlySpan<byte> _all;
    private int _pos;
    private int _line;

    /// <summary>Reads the records of <paramref name="file"/>.</summary>
    public CsvRecords(DataFile file)
    {
        _file = file;
        _all = file.Bytes;
        _pos = file.Start;
        _line = 1;
        Line = 0;
    }

    /// <summary>The 1-based line on which the last record read starts.</summary>
    public int Line { get; private set; }

    /// <summary>Reads the next non-blank record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool Next(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        // Skip blank lines (a trailing newline, CRLF or LF).
        while (_pos < _all.Length && (_all[_pos] == (byte)'\n' || _all[_pos] == (byte)'\r'))
        {
            _line += _all[_pos] == (byte)'\n' ? 1 : 0;
            _pos++;
        }
        if (_pos >= _all.Length)
        {
            return false;
        }
        Line = _line;
        while (true)
        {
            fields.Add(ReadField());
            if (_pos >= _all.Length)
            {
                return true;
            }
            byte b = _all[_pos];
            if (b == (byte)',')
            {
                _pos++;
                continue;
            }
            // End of record: CRLF or LF.
            if (b == (byte)'\r')
            {
                _pos++;
            }
            if (_pos < _all.Length && _all[_pos] == (byte)'\n')
            {
                _pos++;
                _line++;
            }
            return true;
        }
    }

    /// <summary>
    /// Splits one line into <paramref name="ranges"/> by RFC 4180, for files whose records never span lines (ratings.csv
    /// and its header, parsed as bytes for speed): a field in double quotes (<c>"4.5"</c>, R's <c>"userId"</c>) gives
    /// what is inside them, a doubled quote left as it is. Returns the number of fields (one more than
    /// <paramref name="ranges"/> holds when there are more), -1 when a quote is not closed on the line, -2 when text
    /// follows a closing quote.
    /// </summary>
    public static int SplitLine(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        int count = 0, pos = 0;
        while (true)
        {
            if (count == ranges.Length)
            {
                return ranges.Length + 1;
            }
            if (pos < line.Length && line[pos] == (byte)'"')
            {
                int close = pos + 1;
                while (true)
                {
                    int q = line[close..].IndexOf((byte)'"');
                    if (q < 0)
                    {
                        return -1;
                    }
                    close += q;
                    if (close + 1 < line.Length && line[close + 1] == (byte)'"')
                    {
                        close += 2;
                        continue;
                    }
                    break;
                }
                ranges[count++] = new Range(pos + 1, close);
                pos = close + 1;
                if (pos == line.Length)
                {
                    return count;
                }
                if (line[pos] != (byte)',')
                {
                    return -2;
                }
                pos++;
                continue;
            }
            int comma = line[pos..].IndexOf((byte)',');
            if (comma < 0)
            {
                ranges[count++] = new Range(pos, line.Length);
                return count;
            }
            ranges[count++] = new Range(pos, pos + comma);
            pos += comma + 1;
        }
    }

    private string ReadField()
    {
        if (_pos < _all.Length && _all[_pos] == (byte)'"')
        {
            int startLine = _line;
            _pos++;
            var bytes = new List<byte>();
            while (true)
            {
                if (_pos >= _all.Length)
                {
                    throw _file.Error(startLine, "a closing double quote for the quoted field that starts here (RFC 4180)");
                }
                byte b = _all[_pos++];
                if (b == (byte)'"')
                {
                    if (_pos < _all.Length && _all[_pos] == (byte)'"')
                    {
                        bytes.Add(b);
                        _pos++;
                        continue;
                    }
                    break;
                }
                _line += b == (byte)'\n' ? 1 : 0;
                bytes.Add(b);
            }
            if (_pos < _all.Length && _all[_pos] is not ((byte)',' or (byte)'\r' or (byte)'\n'))
            {
                string after = DataFile.Latin1(_all.Slice(_pos, Math.Min(20, _all.Length - _pos)));
                // A quote left open runs on to the next quote, lines later: the fault is where it opened, not where it "closed".
                throw _line > startLine
                    ? _file.Error(startLine, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"a closing double quote for the quoted field that starts here (RFC 4180); it runs on to line {_line}, where the next double quote is followed by text instead of a comma or the end of the line"), after)
                    : _file.Error(_line, "a comma or the end of the line after a closing double quote (RFC 4180; a quote inside a quoted field is doubled)", after);
            }
            return _file.Utf8(bytes.ToArray(), startLine);
        }
        int start = _pos;
        while (_pos < _all.Length && _all[_pos] is not ((byte)',' or (byte)'\r' or (byte)'\n'))
        {
            if (_all[_pos] == (byte)'"')
            {
                throw _file.Error(_line, "a double quote only at the start of a field (RFC 4180: quote the whole field and double inner quotes)",
                    DataFile.Latin1(_all[start..Math.Min(_all.Length, _pos + 20)]));
            }
            _pos++;
        }
        return _file.Utf8(_all[start.._pos], _line);
    }
}
