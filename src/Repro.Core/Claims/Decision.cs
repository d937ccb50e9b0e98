namespace Repro.Claims;

/// <summary>
/// How checks add up to a seed's outcome, and seeds to a verdict, and whether the result is settled: a result is
/// settled when every outcome its unsettled inputs could take (pass, tie or fail) gives the same result.
/// </summary>
public static class Decision
{
    // Beyond this many unsettled inputs the combinations are not enumerated: the result is called unsettled.
    private const int MaxUnsettled = 12;

    /// <summary>Every check must pass; any fail fails; otherwise (ties, no fail) a tie.</summary>
    public static CheckOutcome AllOf(IReadOnlyList<CheckOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return outcomes.Contains(CheckOutcome.Fail) ? CheckOutcome.Fail
            : outcomes.Count > 0 && outcomes.All(o => o == CheckOutcome.Pass) ? CheckOutcome.Pass
            : CheckOutcome.Tie;
    }

    /// <summary>Some check must pass and none fail; any fail fails; otherwise a tie.</summary>
    public static CheckOutcome SomeAndNoneAgainst(IReadOnlyList<CheckOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return outcomes.Contains(CheckOutcome.Fail) ? CheckOutcome.Fail
            : outcomes.Contains(CheckOutcome.Pass) ? CheckOutcome.Pass
            : CheckOutcome.Tie;
    }

    /// <summary>
    /// <paramref name="combine"/> of the inputs' outcomes, and whether it is settled: the same for every outcome the
    /// unsettled inputs could take.
    /// </summary>
    public static (TResult Result, bool Settled) Combine<TResult>(IReadOnlyList<(CheckOutcome Outcome, bool Settled)> inputs, Func<IReadOnlyList<CheckOutcome>, TResult> combine)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(combine);
        var outcomes = inputs.Select(i => i.Outcome).ToArray();
        TResult result = combine(outcomes);
        int[] open = [.. Enumerable.Range(0, inputs.Count).Where(i => !inputs[i].Settled)];
        if (open.Length == 0)
        {
            return (result, true);
        }
        if (open.Length > MaxUnsettled)
        {
            return (result, false);
        }
        var all = new[] { CheckOutcome.Pass, CheckOutcome.Tie, CheckOutcome.Fail };
        int combinations = (int)Math.Pow(3, open.Length);
        for (int c = 0; c < combinations; c++)
        {
            var alternative = (CheckOutcome[])outcomes.Clone();
            for (int k = 0, code = c; k < open.Length; k++, code /= 3)
            {
                alternative[open[k]] = all[code % 3];
            }
            if (!EqualityComparer<TResult>.Default.Equals(combine(alternative), result))
            {
                return (result, false);
            }
        }
        return (result, true);
    }
}
