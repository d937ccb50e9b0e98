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
}
