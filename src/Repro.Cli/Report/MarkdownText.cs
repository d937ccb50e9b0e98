using System.Text;

namespace Repro.Cli.Report;

/// <summary>Fitting the library's stand-alone markdown (each starts at "# Title") into the report's sections.</summary>
internal static class MarkdownText
{
    /// <summary>
    /// <paramref name="markdown"/> without its leading "# Title" line (the report has its own heading) and with every
    /// heading pushed down so its top level becomes <paramref name="level"/> + 1.
    /// </summary>
    public static string Nested(string markdown, int level)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[0].StartsWith("# ", StringComparison.Ordinal))
        {
            lines.RemoveAt(0);
            while (lines.Count > 0 && lines[0].Length == 0)
            {
                lines.RemoveAt(0);
            }
        }
        string push = new('#', level - 1);
        var sb = new StringBuilder();
        foreach (string line in lines)
        {
            sb.Append(line.StartsWith('#') ? push + line : line).Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// <paramref name="markdown"/> without its tables' <c>Tolerances:</c> lines (one blank line stays after each table): for
    /// a report on data the tolerances were not measured on.
    /// </summary>
    public static string WithoutTolerances(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n').ToList();
        for (int k = lines.Count - 1; k >= 0; k--)
        {
            if (lines[k].StartsWith(Repro.Presentation.ColumnTolerance.Prefix, StringComparison.Ordinal))
            {
                lines.RemoveAt(k);
                // Keep one blank line after the table, so the next paragraph does not join it.
                if (k > 0 && lines[k - 1].Length == 0 && k < lines.Count && lines[k].Length == 0)
                {
                    lines.RemoveAt(k);
                }
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>A file-name-safe slug ("ml-1m MF" → "ml-1m-mf").</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        foreach (char c in text.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return string.Join('-', sb.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>An image line with a path relative to the report.</summary>
    public static string Image(string alt, string relativePath) => $"![{alt}]({relativePath.Replace('\\', '/')})\n";
}
