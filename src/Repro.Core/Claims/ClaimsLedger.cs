using System.Globalization;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>The claims ledger (SPEC §7): the 11 claims, each PENDING until its <see cref="Claim.Rule(LedgerEvidence)"/> rules.</summary>
public sealed class ClaimsLedger
{
    private readonly ClaimRow[] _rows;

    /// <summary>A ledger with every claim pending.</summary>
    public ClaimsLedger()
    {
        _rows = [.. AllClaims.Select(c => c.Pending)];
    }

    /// <summary>The claims of SPEC §7, in order (index 0 = claim 1).</summary>
    public static IReadOnlyList<Claim> AllClaims { get; } =
    [
        new GenreNeuronsClaim(), new MusicTagNeuronsClaim(), new PopularityNeuronClaim(), new FidelityRisesClaim(),
        new BalancedMonosemanticityClaim(), new FewerDeadLatentsClaim(), new SuppressionClaim(), new NudgingClaim(),
        new PromotionClaim(), new MatryoshkaClaim(), new GoldenAgeNeuronClaim(),
    ];

    /// <summary>The rows, by claim id.</summary>
    public IReadOnlyList<ClaimRow> Rows => _rows;

    /// <summary>One seed's ledger: every claim reads its series from <paramref name="evidence"/> and rules, in claim order.</summary>
    public static ClaimsLedger Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var ledger = new ClaimsLedger();
        foreach (var claim in AllClaims)
        {
            try
            {
                ledger.Set(claim.Rule(evidence));
            }
            catch (MissingEvidenceException e)
            {
                // A result this claim reads could not be made: this row says so, every other claim still rules.
                ledger.Set(claim.NotRuled(e.Message));
            }
        }
        return ledger;
    }

    /// <summary>Replaces the row of <paramref name="row"/>.Id; returns this ledger for chaining.</summary>
    public ClaimsLedger Set(ClaimRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentOutOfRangeException.ThrowIfLessThan(row.Id, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(row.Id, _rows.Length);
        _rows[row.Id - 1] = row;
        return this;
    }

    /// <summary>The verdict as printed.</summary>
    public static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Reproduced => "REPRODUCED",
        Verdict.NotReproduced => "NOT REPRODUCED",
        Verdict.NotApplicable => "NOT APPLICABLE",
        Verdict.Inconclusive => "INCONCLUSIVE",
        Verdict.Mixed => "MIXED",
        Verdict.NotRuled => "NOT RULED",
        _ => "PENDING",
    };

    /// <summary>
    /// One ledger over several seeds' ledgers (a seed = split, recommenders and SAEs): per claim, REPRODUCED when
    /// every seed passes, NOT REPRODUCED when none passes and some fail, INCONCLUSIVE when no seed decides (ties or
    /// undefined values), else MIXED k/N; "ours" lists each seed's verdict and numbers.
    /// </summary>
    public static ClaimsLedger Combine(IReadOnlyList<(ulong Seed, ClaimsLedger Ledger)> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        if (perSeed.Count == 0)
        {
            throw new ArgumentException("No seed to combine.", nameof(perSeed));
        }
        var combined = new ClaimsLedger();
        foreach (var claim in AllClaims)
        {
            var rows = perSeed.Select(p => (p.Seed, Row: p.Ledger.Rows[claim.Number - 1])).ToList();
            int n = rows.Count;
            int passed = rows.Count(r => r.Row.Verdict == Verdict.Reproduced);
            int failed = rows.Count(r => r.Row.Verdict == Verdict.NotReproduced);
            Verdict verdict =
                rows.All(r => r.Row.Verdict == Verdict.NotApplicable) ? Verdict.NotApplicable
                : rows.Any(r => r.Row.Verdict == Verdict.Pending) ? Verdict.Pending
                : rows.Any(r => r.Row.Verdict == Verdict.NotRuled) ? Verdict.NotRuled
                : passed == n ? Verdict.Reproduced
                : passed == 0 && failed > 0 ? Verdict.NotReproduced
                : passed == 0 ? Verdict.Inconclusive
                : Verdict.Mixed;
            string ours = string.Join(" · ", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"seed {r.Seed} {Short(r.Row.Verdict)}: {r.Row.OurNumbers}")));
            string reason = rows.FirstOrDefault(r => r.Row.Verdict == Verdict.NotRuled) is { Row: not null } missing && verdict == Verdict.NotRuled
                ? string.Create(CultureInfo.InvariantCulture, $"seed {missing.Seed}: {missing.Row.Reason}")
                : string.Create(CultureInfo.InvariantCulture, $"{passed} of {n} seeds pass; {rows[0].Row.Reason}");
            combined.Set(new ClaimRow(claim.Number, claim.Statement, ours, verdict, reason, passed, n));
        }
        return combined;
    }

    private static string Short(Verdict v) => v switch
    {
        Verdict.Reproduced => "pass",
        Verdict.NotReproduced => "fail",
        Verdict.Inconclusive => "tie",
        Verdict.NotApplicable => "n/a",
        Verdict.NotRuled => "not ruled",
        _ => "pending",
    };
}
