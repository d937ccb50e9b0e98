using System.Globalization;
using System.Text;

namespace Repro.Presentation;

/// <summary>
/// A markdown table whose numbers are rounded when added, so approved snapshots compare rounded text
/// (STACK.md: the CPU kernel family moves low digits) and reviewers diff what they read.
/// </summary>
public sealed class MarkdownTable
{
    private readonly string[] _columns;
    private readonly List<string[]> _rows = [];
    private readonly List<ColumnTolerance> _tolerances = [];

    /// <summary>Creates a table with the given column headers.</summary>
    public MarkdownTable(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
    }

    /// <summary>
    /// Declares how far a numeric column may move before an approved table counts as changed (absolute, in the
    /// column's units), for every row or only rows whose <paramref name="whereColumn"/> cell equals
    /// <paramref name="whereValue"/>. Written under the table as a <c>Tolerances:</c> line, so the approved file
    /// carries it and the approvals' table comparison reads it from there (<see cref="ColumnTolerance"/>). Columns without one compare exactly.
    /// </summary>
    public MarkdownTable Tolerance(string column, double absolute, string? whereColumn = null, string? whereValue = null)
    {
        Require(column);
        ArgumentOutOfRangeException.ThrowIfNegative(absolute);
        _tolerances.Add(new ColumnTolerance(column, absolute, whereColumn, whereValue));
        return this;
    }

    /// <summary>
    /// Declares that a numeric column may move, in each row, by the tolerance that row states in
    /// <paramref name="fromColumn"/> (a <c>column ±[fromColumn]</c> item of the <c>Tolerances:</c> line).
    /// </summary>
    public MarkdownTable ToleranceFrom(string column, string fromColumn)
    {
        Require(column);
        Require(fromColumn);
        _tolerances.Add(ColumnTolerance.From(column, fromColumn));
        return this;
    }

    /// <summary>
    /// Declares that a verdict column's cells may end with the <see cref="ColumnTolerance.UnsettledMark"/>: such an
    /// approved cell is not compared, and an unmarked approved cell must equal the received one, marked or not.
    /// </summary>
    public MarkdownTable MayBeUnsettled(string column)
    {
        Require(column);
        _tolerances.Add(ColumnTolerance.Unsettled(column));
        return this;
    }

    private void Require(string column)
    {
        if (!_columns.Contains(column))
        {
            throw new ArgumentException($"No column '{column}' in this table ({string.Join(", ", _columns)}).", nameof(column));
        }
    }

    /// <summary>Number of rows added so far.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Adds a row; doubles are written with <see cref="Number"/>, everything else invariantly.</summary>
    public MarkdownTable Add(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Length)
        {
            throw new ArgumentException($"Row has {cells.Length} cells, the table has {_columns.Length} columns ({string.Join(", ", _columns)}).", nameof(cells));
        }
        _rows.Add(cells.Select(Cell).ToArray());
        return this;
    }

    /// <summary>Formats a number with 4 significant digits (plain notation), the suite's table precision (<see cref="NumberText.Significant"/>).</summary>
    public static string Number(double value, int significant = 4) => NumberText.Significant(value, significant);

    /// <summary>Formats a number with a fixed number of decimals (the paper's 2-decimal tables; <see cref="NumberText.Fixed"/>).</summary>
    public static string Fixed(double value, int decimals = 2) => NumberText.Fixed(value, decimals);

    private static string Cell(object? cell) => cell switch
    {
        null => "",
        double d => Number(d),
        float f => Number(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Escape(cell.ToString()!),
    };

    // A cell is one line of the table: '|' would end the cell and a line break the row (a title with an embedded newline
    // broke a neuron card's table), so bars are escaped and every line break (CRLF, LF or CR) is written as <br>.
    private static string Escape(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", "<br>", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>The table as markdown, ending in a newline.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", _columns.Select(Escape)).Append(" |\n");
        sb.Append('|').AppendJoin("", _columns.Select(_ => "---|")).Append('\n');
        foreach (var row in _rows)
        {
            sb.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }
        if (_tolerances.Count > 0)
        {
            // A blank line first: a text line right under a table would render as one more row.
            sb.Append('\n').Append(ColumnTolerance.Render(_tolerances)).Append('\n');
        }
        return sb.ToString();
    }
}
