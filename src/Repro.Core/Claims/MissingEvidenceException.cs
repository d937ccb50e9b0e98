namespace Repro.Claims;

/// <summary>
/// A result a claim reads could not be made (an input of the run failed): the claim is NOT RULED, with this message as
/// its reason, and every other claim still rules. The run that hands the ledger its evidence turns its own failures
/// into this.
/// </summary>
public sealed class MissingEvidenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MissingEvidenceException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MissingEvidenceException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming what is missing and why, and the failure behind it.</summary>
    public MissingEvidenceException(string message, Exception inner) : base(message, inner)
    {
    }
}
