using System.Globalization;
using System.Text.RegularExpressions;

namespace Repro.Presentation;

/// <summary>
/// How far one numeric column of an approved table may move: absolute, for all rows or for rows matching a key. Its
/// <c>Tolerances:</c> line is written under a table by <see cref="MarkdownTable"/> and read back from the approved file
/// by the approvals' table comparison (project Repro.Approvals), so the format has this one definition.
/// </summary>
/// <param name="Column">The column header.</param>
/// <param name="Absolute">The largest accepted |approved − received|.</param>
/// <param name="WhereColumn">Only rows whose cell in this column equals <paramref name="WhereValue"/> (null: every row).</param>
/// <param name="WhereValue">See <paramref name="WhereColumn"/>.</param>
public sealed record ColumnTolerance(string Column, double Absolute, string? WhereColumn = null, string? WhereValue = null)
{
    /// <summary>The line that introduces tolerances under a table.</summary>
    public const string Prefix = "Tolerances: ";

    private static readonly Regex Item = new(@"^(?<col>.+?) ±(?<tol>[0-9.eE+-]+)(?: where (?<wc>.+?) = (?<wv>.+))?$", RegexOptions.CultureInvariant);

    /// <summary>The <c>Tolerances:</c> line for a table.</summary>
    public static string Render(IEnumerable<ColumnTolerance> tolerances) =>
        Prefix + string.Join("; ", tolerances.Select(t =>
            t.Column + " ±" + t.Absolute.ToString("G4", CultureInfo.InvariantCulture) + (t.WhereColumn is null ? "" : $" where {t.WhereColumn} = {t.WhereValue}")));

    /// <summary>Parses a <c>Tolerances:</c> line (null when the line is not one, or any of its tolerances is not a finite, non-negative number).</summary>
    public static IReadOnlyList<ColumnTolerance>? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var result = new List<ColumnTolerance>();
        foreach (string part in line[Prefix.Length..].Split("; "))
        {
            var m = Item.Match(part);
            // A tolerance that is not a finite, non-negative number ("±1e999" parses as infinity) makes the whole line
            // malformed: the table is then compared exactly, so a broken line can never widen a comparison.
            if (!m.Success || !double.TryParse(m.Groups["tol"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double tol)
                || !double.IsFinite(tol) || tol < 0)
            {
                return null;
            }
            result.Add(new ColumnTolerance(m.Groups["col"].Value, tol, m.Groups["wc"].Success ? m.Groups["wc"].Value : null, m.Groups["wv"].Success ? m.Groups["wv"].Value : null));
        }
        return result;
    }
}
