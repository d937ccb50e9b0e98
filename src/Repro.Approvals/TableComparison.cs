using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Repro.Presentation;

namespace Repro.Snapshots;

/// <summary>A cell that moved beyond its tolerance (or a line that differs).</summary>
/// <param name="Line">1-based line in the approved file.</param>
/// <param name="Where">Row and column, or "line" for a non-table line.</param>
/// <param name="Approved">The approved text.</param>
/// <param name="Received">The produced text.</param>
/// <param name="Tolerance">The declared tolerance (null: compared exactly).</param>
public sealed record CellDifference(int Line, string Where, string Approved, string Received, double? Tolerance);

/// <summary>
/// Compares a produced table file with its approved file: text, counts and verdicts exactly; numeric cells of a
/// column with a declared tolerance (the <c>Tolerances:</c> line under each table, read from the approved file)
/// within it, absolute or stated by the approved row (<c>±[column]</c>); verdict cells of a column that may be marked
/// unsettled only where the approved cell is settled (<see cref="ColumnTolerance"/>). Both files must have the same lines and table shapes; otherwise the comparison falls back to a
/// plain line diff.
/// </summary>
public static class TableComparison
{
    /// <summary>The differences beyond tolerance (empty: the files agree), or null when the shapes differ.</summary>
    public static IReadOnlyList<CellDifference>? Compare(string approved, string received)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(received);
        string[] a = approved.TrimEnd('\n').Split('\n'), r = received.TrimEnd('\n').Split('\n');
        if (a.Length != r.Length)
        {
            return null;
        }
        var tolerances = TolerancesPerLine(a);
        var differences = new List<CellDifference>();
        string[]? header = null;
        for (int k = 0; k < a.Length; k++)
        {
            bool row = a[k].StartsWith('|');
            if (!row)
            {
                header = null;
            }
            if (a[k] == r[k])
            {
                if (row && header is null)
                {
                    header = Cells(a[k]);
                }
                continue;
            }
            if (!row || !r[k].StartsWith('|') || header is null)
            {
                differences.Add(new CellDifference(k + 1, "line", a[k], r[k], null));
                continue;
            }
            string[] ca = Cells(a[k]), cr = Cells(r[k]);
            if (ca.Length != cr.Length || ca.Length != header.Length)
            {
                return null;
            }
            for (int c = 0; c < ca.Length; c++)
            {
                if (ca[c] == cr[c])
                {
                    continue;
                }
                var rule = RuleFor(tolerances[k], header, ca, c);
                if (rule is { MarksUnsettled: true }
                    && (ColumnTolerance.IsMarkedUnsettled(ca[c]) || ColumnTolerance.WithoutMark(cr[c]) == ca[c]))
                {
                    // Approved as unsettled (within twice its noise band of a boundary): not compared. Approved as
                    // settled: the received verdict must be the same, marked unsettled or not.
                    continue;
                }
                double? tol = rule is null || rule.MarksUnsettled ? null : rule.FromColumn is string from ? RowTolerance(header, ca, from) : rule.Absolute;
                bool within = tol is double t
                    && double.TryParse(ca[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                    && double.TryParse(cr[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
                    && Math.Abs(x - y) <= t + 1e-12;
                if (!within)
                {
                    differences.Add(new CellDifference(k + 1, $"row '{ca[0]}', column '{header[c]}'", ca[c], cr[c], tol));
                }
            }
        }
        return differences;
    }

    /// <summary>A readable report of the differences: one line per cell, with both values and the tolerance.</summary>
    public static string Describe(IReadOnlyList<CellDifference> differences, int max = 50)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var sb = new StringBuilder();
        foreach (var d in differences.Take(max))
        {
            sb.Append(CultureInfo.InvariantCulture, $"line {d.Line}, {d.Where}: approved '{d.Approved}', received '{d.Received}'")
              .Append(d.Tolerance is double t ? string.Create(CultureInfo.InvariantCulture, $" (tolerance ±{t:G4})") : " (compared exactly)")
              .Append('\n');
        }
        if (differences.Count > max)
        {
            sb.Append(CultureInfo.InvariantCulture, $"… and {differences.Count - max} more\n");
        }
        return sb.ToString();
    }

    // The tolerances of the table each line belongs to: the Tolerances line after the table's last row and one blank line.
    private static IReadOnlyList<ColumnTolerance>?[] TolerancesPerLine(string[] lines)
    {
        var result = new IReadOnlyList<ColumnTolerance>?[lines.Length];
        for (int k = 0; k < lines.Length; k++)
        {
            if (!lines[k].StartsWith('|') || (k > 0 && lines[k - 1].StartsWith('|')))
            {
                continue;
            }
            int end = k;
            while (end < lines.Length && lines[end].StartsWith('|'))
            {
                end++;
            }
            int next = end < lines.Length && lines[end].Length == 0 ? end + 1 : end;
            var tol = next < lines.Length ? ColumnTolerance.Parse(lines[next]) : null;
            for (int j = k; j < end; j++)
            {
                result[j] = tol;
            }
        }
        return result;
    }

    // The rule of a cell's column: the first whose column matches and whose row filter (if any) holds.
    private static ColumnTolerance? RuleFor(IReadOnlyList<ColumnTolerance>? tolerances, string[] header, string[] row, int column)
    {
        if (tolerances is null)
        {
            return null;
        }
        foreach (var t in tolerances)
        {
            if (t.Column != header[column])
            {
                continue;
            }
            if (t.WhereColumn is null)
            {
                return t;
            }
            int key = Array.IndexOf(header, t.WhereColumn);
            if (key >= 0 && row[key] == t.WhereValue)
            {
                return t;
            }
        }
        return null;
    }

    // A tolerance an approved row states in another column: a finite number >= 0, else none (the cell compares exactly).
    private static double? RowTolerance(string[] header, string[] approvedRow, string fromColumn)
    {
        int at = Array.IndexOf(header, fromColumn);
        return at >= 0 && double.TryParse(approvedRow[at], NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && double.IsFinite(t) && t >= 0
            ? t : null;
    }

    private static string[] Cells(string line)
    {
        string inner = line.Trim();
        inner = inner.Length >= 2 ? inner[1..^1] : "";
        // Cells escape '|' as "\|" (MarkdownTable): split on unescaped bars only.
        return [.. Regex.Split(inner, @"(?<!\\)\|").Select(c => c.Trim())];
    }
}
