using System.Globalization;

namespace Repro;

/// <summary>
/// The suite's rounding of numbers into text, culture-invariant: what tables print and what claim verdicts quote, so
/// approved snapshots compare rounded text (STACK.md: the CPU kernel family moves low digits).
/// </summary>
public static class NumberText
{
    /// <summary>A number with <paramref name="significant"/> significant digits (plain notation, trailing zeros dropped).</summary>
    public static string Significant(double value, int significant = 4)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0)
        {
            return "0";
        }
        int digitsBefore = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        int decimals = Math.Clamp(significant - digitsBefore, 0, 12);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        string s = rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (s.Contains('.', StringComparison.Ordinal))
        {
            s = s.TrimEnd('0').TrimEnd('.');
        }
        return s == "-0" ? "0" : s;
    }

    /// <summary>A number with a fixed number of decimals (the paper's 2-decimal tables); NaN and infinities as <see cref="Significant"/>.</summary>
    public static string Fixed(double value, int decimals = 2) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : Significant(value);
}
