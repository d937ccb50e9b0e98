using FluentAssertions;
using NUnit.Framework;
using Repro.Presentation;

namespace Repro.Tests.Presentation;

/// <summary>Table numbers are rounded to 4 significant digits, culture-invariantly.</summary>
public class MarkdownTableTests
{
    /// <summary>Hand-rounded values: 0.958 stays, 1234.56 → 1235, 0.000123456 → 0.0001235, -0 → 0.</summary>
    [TestCase(0.958, "0.958")]
    [TestCase(1234.56, "1235")]
    [TestCase(0.000123456, "0.0001235")]
    [TestCase(-0.00001, "-0.00001")]
    [TestCase(0.0, "0")]
    [TestCase(12.0, "12")]
    [TestCase(0.95556, "0.9556")]
    public void Numbers_have_four_significant_digits(double value, string expected) =>
        MarkdownTable.Number(value).Should().Be(expected);

    /// <summary>A row with the wrong number of cells is rejected with the column names.</summary>
    [Test]
    public void Row_width_is_checked() =>
        new MarkdownTable("a", "b").Invoking(t => t.Add(1)).Should().Throw<ArgumentException>().WithMessage("*a, b*");

    /// <summary>
    /// A cell is one line of the table: a title with an embedded line break (LF, CRLF or CR, as RFC 4180 allows in
    /// movies.csv) is written with &lt;br&gt; and a bar escaped, so a neuron card's table keeps one row per item.
    /// </summary>
    [TestCase("Two\nLines (2001)")]
    [TestCase("Two\r\nLines (2001)")]
    [TestCase("Two\rLines (2001)")]
    public void A_line_break_in_a_cell_stays_in_its_row(string title)
    {
        string table = new MarkdownTable("rank", "label").Add(1, title).Add(2, "A | B (1999)").ToString();

        table.Should().Be("| rank | label |\n|---|---|\n| 1 | Two<br>Lines (2001) |\n| 2 | A \\| B (1999) |\n");
    }
}
