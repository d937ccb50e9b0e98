using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;

namespace Repro.Tests.Claims;

/// <summary>Unit tests of <see cref="Repro.Claims.Spearman"/> against hand-computed values.</summary>
public class SpearmanTests
{
    /// <summary>Spearman uses average ranks for ties: x = 1,2,3 against y = 1,1,2 gives 1.5/√3.</summary>
    [Test]
    public void Spearman_averages_tied_ranks()
    {
        // ranks y = 1.5, 1.5, 3; centred x = -1, 0, 1, y = -0.5, -0.5, 1 → cov 1.5, var 2 and 1.5 → 1.5/√3 = 0.8660.
        Spearman.Rho([1, 2, 3], [1, 1, 2]).Should().BeApproximately(1.5 / Math.Sqrt(3), 1e-12);
        Spearman.Rho([0, 1, 2, 5, 10], [0.5, 0.6, 0.55, 0.7, 0.8]).Should().BeApproximately(0.9, 1e-12); // Σd² = 2 → 1 − 12/120
    }

    /// <summary>A constant side has no ranks to correlate: NaN; lists of different lengths are rejected.</summary>
    [Test]
    public void Constant_or_mismatched_input()
    {
        Spearman.Rho([1, 2, 3], [4, 4, 4]).Should().Be(double.NaN);
        var act = () => Spearman.Rho([1, 2], [1, 2, 3]);
        act.Should().Throw<ArgumentException>().WithMessage("*2 and 3*");
    }

    /// <summary>
    /// With a band, only orders the bands cannot swap count: 1, 2, 3, 4, 5 with band 0.4 (gaps 1 &gt; 0.8) is ρ = 1
    /// only; 1, 1.5, 3 with band 0.3 may swap the first two (gap 0.5 ≤ 0.6): ρ from 0.5 to 1; band 0 is ρ itself.
    /// </summary>
    [Test]
    public void Range_over_the_orders_the_bands_allow()
    {
        Spearman.Range([0, 1, 2, 5, 10], [1, 2, 3, 4, 5], 0.4).Should().Be((1.0, 1.0));
        var (lo, hi) = Spearman.Range([0, 1, 2], [1, 1.5, 3], 0.3);
        lo.Should().BeApproximately(0.5, 1e-12); // ranks 2, 1, 3: d² = 1 + 1 → 1 − 6·2/(3·8) = 0.5
        hi.Should().BeApproximately(1.0, 1e-12);
        Spearman.Range([0, 1, 2], [3, 1, 2], 0).Should().Be((Spearman.Rho([0, 1, 2], [3, 1, 2]), Spearman.Rho([0, 1, 2], [3, 1, 2])));
    }
}
