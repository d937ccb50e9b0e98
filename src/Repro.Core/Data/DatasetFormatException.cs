namespace Repro.Data;

/// <summary>
/// A dataset file that is missing, empty or malformed: names the file, the 1-based line (when one line is at fault)
/// and what was expected there, so a reader can open the file at the right place.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    /// <summary>Creates the exception; the message names the file, the line and the expectation.</summary>
    public DatasetFormatException(string file, int? line, string expected, string? found = null, Exception? inner = null)
        : base(Describe(file, line, expected, found), inner)
    {
        File = file;
        Line = line;
        Expected = expected;
        Found = found;
    }

    /// <summary>Creates the exception with a bare message (no file, no line).</summary>
    public DatasetFormatException()
        : this("(unknown file)", null, "a well-formed dataset")
    {
    }

    /// <summary>Creates the exception with a message as the expectation (no file, no line).</summary>
    public DatasetFormatException(string message)
        : this("(unknown file)", null, message)
    {
    }

    /// <summary>Creates the exception with a message as the expectation and an inner exception.</summary>
    public DatasetFormatException(string message, Exception innerException)
        : this("(unknown file)", null, message, null, innerException)
    {
    }

    /// <summary>Path of the offending file.</summary>
    public string File { get; }

    /// <summary>1-based line number, or null when the problem is the whole file.</summary>
    public int? Line { get; }

    /// <summary>What the loader expected.</summary>
    public string Expected { get; }

    /// <summary>What it found instead (the offending text, shortened), if any.</summary>
    public string? Found { get; }

    private static string Describe(string file, int? line, string expected, string? found)
    {
        string where = line is { } l ? $"{file}, line {l.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : file;
        string what = found is null ? "" : $"; found \"{Shorten(found)}\"";
        return $"{where}: expected {expected}{what}.";
    }

    // Shortened, and with control characters (NUL, escape codes) written as \xNN so a damaged file cannot garble the terminal.
    private static string Shorten(string s)
    {
        string shown = s.Length <= 80 ? s : s[..77] + "...";
        if (!shown.Any(char.IsControl))
        {
            return shown;
        }
        var sb = new System.Text.StringBuilder();
        foreach (char ch in shown)
        {
            if (char.IsControl(ch))
            {
                sb.Append("\\x").Append(((int)ch).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }
}
