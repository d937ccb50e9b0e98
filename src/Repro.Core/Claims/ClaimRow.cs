using System.Globalization;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>One row of the claims ledger.</summary>
/// <param name="Id">Claim number in SPEC §7 (1..11).</param>
/// <param name="PaperStatement">The paper's statement, short.</param>
/// <param name="OurNumbers">What we measured, as text.</param>
/// <param name="Verdict">The ruling.</param>
/// <param name="Reason">One line: which test decided it, with its thresholds and margins.</param>
/// <param name="Passed">Seeds whose numbers pass the rule (over-seed rows; 1 or 0 for a single seed's row).</param>
/// <param name="Seeds">Seeds ruled on.</param>
public sealed record ClaimRow(int Id, string PaperStatement, string OurNumbers, Verdict Verdict, string Reason, int Passed = 0, int Seeds = 1)
{
    /// <summary>The verdict as printed (MIXED carries k/N).</summary>
    public string VerdictText => Verdict == Verdict.Mixed
        ? string.Create(CultureInfo.InvariantCulture, $"MIXED {Passed}/{Seeds}")
        : ClaimsLedger.Label(Verdict);
}
