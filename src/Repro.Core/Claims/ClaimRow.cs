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
    /// <summary>The part of a claim ruled in several rows ("a", "b"), or empty.</summary>
    public string Part { get; init; } = "";

    /// <summary>The row's label: the claim number and its part ("4a").</summary>
    public string Label => Id.ToString(CultureInfo.InvariantCulture) + Part;

    /// <summary>Every seed's checks, where the claim rules by checks (<see cref="CheckedClaim{TInput}"/>); empty otherwise.</summary>
    public IReadOnlyList<(ulong Seed, Check Check)> Checks { get; init; } = [];

    /// <summary>Each seed's outcome (pass, tie, fail) and whether it is settled, where the claim rules by checks.</summary>
    public IReadOnlyList<(ulong Seed, CheckOutcome Outcome, bool Settled)> SeedOutcomes { get; init; } = [];

    /// <summary>The margins the checks use, with the spread this run measured for each.</summary>
    public IReadOnlyList<NoiseMargin> Margins { get; init; } = [];

    /// <summary>Whether the verdict holds for every outcome its unsettled checks could take (false: another CPU may rule otherwise).</summary>
    public bool Settled { get; init; } = true;

    /// <summary>Whether every check of the row is settled, so the seeds' text ("ours") reads the same on any CPU.</summary>
    public bool ChecksSettled { get; init; } = true;

    /// <summary>The paper's number for the claim, where it printed one (text).</summary>
    public string Paper { get; init; } = "";

    /// <summary>The verdict as printed (MIXED carries k/N).</summary>
    public string VerdictText => Verdict == Verdict.Mixed
        ? string.Create(CultureInfo.InvariantCulture, $"MIXED {Passed}/{Seeds}")
        : ClaimsLedger.Label(Verdict);
}
