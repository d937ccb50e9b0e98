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
}
