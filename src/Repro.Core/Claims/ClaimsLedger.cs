using System.Globalization;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>The claims ledger (SPEC §7): the 11 claims, some in parts (4a, 4b, 5a, 5b), each PENDING until it is ruled.</summary>
public sealed class ClaimsLedger
{
    private readonly ClaimRow[] _rows;

    /// <summary>A ledger with every claim pending.</summary>
    public ClaimsLedger()
    {
        _rows = [.. AllClaims.Select(c => c.Pending)];
    }

    /// <summary>The claims of SPEC §7 and their parts, in order.</summary>
    public static IReadOnlyList<Claim> AllClaims { get; } =
    [
        new GenreNeuronsClaim(), new MusicTagNeuronsClaim(), new PopularityNeuronClaim(), FidelityRisesClaim.FromZero, FidelityRisesClaim.AfterOne,
        BalancedMonosemanticityClaim.Ml1m, BalancedMonosemanticityClaim.LastFm, new FewerDeadLatentsClaim(), new SuppressionClaim(), new NudgingClaim(),
        new PromotionClaim(), new MatryoshkaClaim(), new GoldenAgeNeuronClaim(),
    ];

    /// <summary>The rows, in <see cref="AllClaims"/> order.</summary>
    public IReadOnlyList<ClaimRow> Rows => _rows;

    /// <summary>The row of claim <paramref name="number"/> (and <paramref name="part"/>, for a claim ruled in parts).</summary>
    public ClaimRow Row(int number, string part = "") =>
        _rows.FirstOrDefault(r => r.Id == number && r.Part == part)
        ?? throw new KeyNotFoundException($"No claim {number}{part} (claims: {string.Join(", ", _rows.Select(r => r.Label))}).");

    /// <summary>
    /// The ledger over several seeds' evidence (a seed = split, recommenders and SAEs): each claim rules over every seed
    /// (<see cref="Claim.RuleOverSeeds"/>); a claim a result of which could not be made is NOT RULED, naming it.
    /// </summary>
    public static ClaimsLedger RuleOverSeeds(IReadOnlyList<(ulong Seed, LedgerEvidence Evidence)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("No seed to rule over.", nameof(seeds));
        }
        return RuleEach(claim => claim.RuleOverSeeds(seeds));
    }

    /// <summary>One seed's ledger: every claim reads its series from <paramref name="evidence"/> and rules, in claim order.</summary>
    public static ClaimsLedger Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return RuleEach(claim => claim.Rule(evidence));
    }

    // Every claim in claim order; a result a claim reads that could not be made makes that row NOT RULED, saying so, and
    // every other claim still rules.
    private static ClaimsLedger RuleEach(Func<Claim, ClaimRow> rule)
    {
        var ledger = new ClaimsLedger();
        foreach (var claim in AllClaims)
        {
            try
            {
                ledger.Set(rule(claim));
            }
            catch (MissingEvidenceException e)
            {
                ledger.Set(claim.NotRuled(e.Message));
            }
        }
        return ledger;
    }

    /// <summary>Replaces the row of the claim <paramref name="row"/> belongs to (its number and part); returns this ledger for chaining.</summary>
    public ClaimsLedger Set(ClaimRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        int at = Array.FindIndex(_rows, r => r.Id == row.Id && r.Part == row.Part);
        if (at < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row.Label, $"No claim {row.Label} in the ledger ({string.Join(", ", _rows.Select(r => r.Label))}).");
        }
        _rows[at] = row;
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
    /// One ledger over several seeds' ledgers (a seed = split, recommenders and SAEs), each claim by
    /// <see cref="CombineRows"/>. Claims that rule by checks rule over the seeds' evidence instead
    /// (<see cref="RuleOverSeeds"/>), so their margins see every seed.
    /// </summary>
    public static ClaimsLedger Combine(IReadOnlyList<(ulong Seed, ClaimsLedger Ledger)> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        if (perSeed.Count == 0)
        {
            throw new ArgumentException("No seed to combine.", nameof(perSeed));
        }
        var combined = new ClaimsLedger();
        for (int i = 0; i < AllClaims.Count; i++)
        {
            combined.Set(CombineRows(AllClaims[i], [.. perSeed.Select(p => (p.Seed, p.Ledger.Rows[i]))]));
        }
        return combined;
    }

    /// <summary>
    /// One claim's row over its seeds' rows: REPRODUCED when every seed passes, NOT REPRODUCED when none passes and some
    /// fail, INCONCLUSIVE when no seed decides (ties or undefined values), else MIXED k/N; "ours" lists each seed's
    /// verdict and numbers.
    /// </summary>
    public static ClaimRow CombineRows(Claim claim, IReadOnlyList<(ulong Seed, ClaimRow Row)> rows)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(rows);
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
        return new ClaimRow(claim.Number, claim.Statement, ours, verdict, reason, passed, n) { Part = claim.Part };
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
