using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Decision"/>: how checks add up, and when the result is settled.</summary>
public class DecisionTests
{
    private const CheckOutcome P = CheckOutcome.Pass, T = CheckOutcome.Tie, F = CheckOutcome.Fail;

    /// <summary>Every check must pass: any fail fails, ties without a fail tie, nothing at all is a tie.</summary>
    [Test]
    public void All_of()
    {
        Decision.AllOf([P, P]).Should().Be(P);
        Decision.AllOf([P, T]).Should().Be(T);
        Decision.AllOf([P, T, F]).Should().Be(F);
        Decision.AllOf([]).Should().Be(T);
    }

    /// <summary>Claim 6's rule: one pass and no fail passes, any fail fails, only ties tie.</summary>
    [Test]
    public void Some_and_none_against()
    {
        Decision.SomeAndNoneAgainst([T, P]).Should().Be(P);
        Decision.SomeAndNoneAgainst([P, F]).Should().Be(F);
        Decision.SomeAndNoneAgainst([T, T]).Should().Be(T);
    }

    /// <summary>
    /// A result is settled when every outcome its unsettled inputs could take gives the same: a settled fail decides
    /// AllOf whatever an unsettled pass turns into; an unsettled pass beside a settled pass does not.
    /// </summary>
    [Test]
    public void Unsettled_inputs_unsettle_only_a_result_they_could_change()
    {
        Decision.Combine([(F, true), (P, false)], Decision.AllOf).Should().Be((F, true));
        Decision.Combine([(P, true), (P, false)], Decision.AllOf).Should().Be((P, false));
        Decision.Combine([(P, true), (P, true)], Decision.AllOf).Should().Be((P, true));
        Decision.Combine([(P, true), (T, false)], Decision.SomeAndNoneAgainst).Should().Be((P, false));
    }
}
