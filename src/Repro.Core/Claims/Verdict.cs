using Repro.Experiments;

namespace Repro.Claims;

/// <summary>The suite's ruling on one claim.</summary>
public enum Verdict
{
    /// <summary>Not measured yet.</summary>
    Pending,

    /// <summary>Our numbers meet the claim's test.</summary>
    Reproduced,

    /// <summary>Our numbers fail the claim's test.</summary>
    NotReproduced,

    /// <summary>The claim cannot be tested here (missing data or unmatched conditions).</summary>
    NotApplicable,

    /// <summary>A tie within the rule's margin, or an undefined value: the numbers do not decide (the reason says why).</summary>
    Inconclusive,

    /// <summary>Over several seeds, some pass and some fail (printed as MIXED k/N).</summary>
    Mixed,

    /// <summary>A result the claim reads could not be made (printed as NOT RULED; the reason names it and why).</summary>
    NotRuled,
}
