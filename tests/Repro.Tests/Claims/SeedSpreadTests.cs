using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="SeedSpread.TwicePooledSd"/>, the spread the margins are derived from.</summary>
public class SeedSpreadTests
{
    /// <summary>
    /// Three seeds, two points: point 0 = 1, 2, 3 (variance 1), point 1 = 0, 0, 0.3 (variance 0.03); pooled variance
    /// (1 + 0.03) / 2 = 0.515, so 2 × √0.515 = 1.43527.
    /// </summary>
    [Test]
    public void Twice_the_pooled_sd_over_seeds()
    {
        SeedSpread.TwicePooledSd([[1, 0], [2, 0], [3, 0.3]]).Should().BeApproximately(2 * Math.Sqrt(0.515), 1e-12);
        SeedSpread.TwicePooledSd([[0.542], [0.488], [0.435]]).Should().BeApproximately(2 * 0.0535, 1e-3); // ML-1M MF MS at λ_pred = 0
    }

    /// <summary>One seed has no spread (NaN); a point where a seed is NaN is left out; unequal points are refused.</summary>
    [Test]
    public void One_seed_or_missing_values()
    {
        SeedSpread.TwicePooledSd([[1, 2]]).Should().Be(double.NaN);
        SeedSpread.TwicePooledSd([[1, double.NaN], [3, 5]]).Should().BeApproximately(2 * Math.Sqrt(2), 1e-12);
        var act = () => SeedSpread.TwicePooledSd([[1, 2], [1]]);
        act.Should().Throw<ArgumentException>();
    }
}
