using FluentAssertions;
using NUnit.Framework;

namespace Repro.Tests;

/// <summary>Numbers become text culture-invariantly, rounded the way tables and claim verdicts quote them.</summary>
public class NumberTextTests
{
    /// <summary>Fixed decimals keep trailing zeros and the sign of a value that rounds to zero (the ledger prints "effect -0.00"): 0.9 → "0.90", 2/3 → "0.667" at 3.</summary>
    [TestCase(0.9, 2, "0.90")]
    [TestCase(2.0 / 3, 3, "0.667")]
    [TestCase(-0.004, 2, "-0.00")]
    [TestCase(1.0, 2, "1.00")]
    public void Fixed_keeps_the_given_decimals(double value, int decimals, string expected) =>
        NumberText.Fixed(value, decimals).Should().Be(expected);

    /// <summary>NaN and infinities print as words under both formats, never as a culture's symbol.</summary>
    [Test]
    public void Undefined_values_print_as_words()
    {
        NumberText.Fixed(double.NaN).Should().Be("NaN");
        NumberText.Significant(double.PositiveInfinity).Should().Be("inf");
        NumberText.Fixed(double.NegativeInfinity).Should().Be("-inf");
    }

    /// <summary>Four significant digits by default: 553.66 → "553.7", 0.040012 → "0.04001", 1653.2 → "1653".</summary>
    [TestCase(553.66, "553.7")]
    [TestCase(0.040012, "0.04001")]
    [TestCase(1653.2, "1653")]
    public void Significant_keeps_four_digits(double value, string expected) =>
        NumberText.Significant(value).Should().Be(expected);
}
