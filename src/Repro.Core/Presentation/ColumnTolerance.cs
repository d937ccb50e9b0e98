using System.Globalization;
using System.Text.RegularExpressions;

namespace Repro.Presentation;

/// <summary>
/// How far one column of an approved table may move, in one of three forms: a numeric column within an absolute
/// tolerance, for all rows or for rows matching a key (<c>HR@10 ±0.02 where model = NCF</c>); a numeric column within
/// a tolerance that each row states in another column (<c>value ±[band]</c>); or a verdict column whose cells may carry
/// the <see cref="UnsettledMark"/> (<c>outcome ≈</c>): a cell marked unsettled in the approved table lies within twice
/// its noise band of a decision boundary, so another CPU may decide it otherwise, and it is not compared; an unmarked
/// approved cell must equal the received one, marked or not. Its <c>Tolerances:</c> line is written under a table by
/// <see cref="MarkdownTable"/> and read back from the approved file by the approvals' table comparison (project
/// Repro.Approvals), so the format has this one definition.
/// </summary>
/// <param name="Column">The column header.</param>
/// <param name="Absolute">The largest accepted |approved − received| (NaN for the other two forms).</param>
/// <param name="WhereColumn">Only rows whose cell in this column equals <paramref name="WhereValue"/> (null: every row).</param>
/// <param name="WhereValue">See <paramref name="WhereColumn"/>.</param>
public sealed record ColumnTolerance(string Column, double Absolute, string? WhereColumn = null, string? WhereValue = null)
{
    /// <summary>The line that introduces tolerances under a table.</summary>
    public const string Prefix = "Tolerances: ";

    /// <summary>The mark that ends a verdict cell decided within twice its noise band of a boundary: " ≈".</summary>
    public const string UnsettledMark = "≈";

    private static readonly Regex Item = new(@"^(?<col>.+?) ±(?<tol>[0-9.eE+-]+)(?: where (?<wc>.+?) = (?<wv>.+))?$", RegexOptions.CultureInvariant);
    private static readonly Regex FromItem = new(@"^(?<col>.+?) ±\[(?<from>[^\]]+)\]$", RegexOptions.CultureInvariant);
    private static readonly Regex MarkItem = new(@"^(?<col>.+?) " + UnsettledMark + "$", RegexOptions.CultureInvariant);

    /// <summary>The column whose cell in the same approved row holds this row's tolerance (the <c>±[column]</c> form), or null.</summary>
    public string? FromColumn { get; init; }

    /// <summary>Whether the column's cells may carry the <see cref="UnsettledMark"/> (the <c>column ≈</c> form).</summary>
    public bool MarksUnsettled { get; init; }

    /// <summary>A numeric column whose tolerance each row states in <paramref name="fromColumn"/>.</summary>
    public static ColumnTolerance From(string column, string fromColumn) => new(column, double.NaN) { FromColumn = fromColumn };

    /// <summary>A verdict column whose cells may be marked unsettled.</summary>
    public static ColumnTolerance Unsettled(string column) => new(column, double.NaN) { MarksUnsettled = true };

    /// <summary>Whether <paramref name="cell"/> ends with the unsettled mark.</summary>
    public static bool IsMarkedUnsettled(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.EndsWith(" " + UnsettledMark, StringComparison.Ordinal);
    }

    /// <summary><paramref name="cell"/> without its unsettled mark.</summary>
    public static string WithoutMark(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return IsMarkedUnsettled(cell) ? cell[..^(UnsettledMark.Length + 1)] : cell;
    }

    /// <summary>The <c>Tolerances:</c> line for a table.</summary>
    public static string Render(IEnumerable<ColumnTolerance> tolerances) =>
        Prefix + string.Join("; ", tolerances.Select(t =>
            t.MarksUnsettled ? t.Column + " " + UnsettledMark
            : t.FromColumn is not null ? t.Column + " ±[" + t.FromColumn + "]"
            : t.Column + " ±" + t.Absolute.ToString("G4", CultureInfo.InvariantCulture) + (t.WhereColumn is null ? "" : $" where {t.WhereColumn} = {t.WhereValue}")));

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
            if (MarkItem.Match(part) is { Success: true } mark)
            {
                result.Add(Unsettled(mark.Groups["col"].Value));
                continue;
            }
            if (FromItem.Match(part) is { Success: true } from)
            {
                result.Add(From(from.Groups["col"].Value, from.Groups["from"].Value));
                continue;
            }
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
