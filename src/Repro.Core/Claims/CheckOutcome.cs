namespace Repro.Claims;

/// <summary>What one check of one seed's number says about a claim.</summary>
public enum CheckOutcome
{
    /// <summary>The number is on the claim's side of its boundary, beyond the noise band.</summary>
    Pass,

    /// <summary>Within the margin or the noise band of a boundary, or undefined (NaN): the number does not decide.</summary>
    Tie,

    /// <summary>The number is on the other side of its boundary, beyond the noise band.</summary>
    Fail,
}
