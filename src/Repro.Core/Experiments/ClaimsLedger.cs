using Repro.Presentation;

namespace Repro.Experiments;

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
}

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
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MIXED {Passed}/{Seeds}")
        : ClaimsLedger.Label(Verdict);
}

/// <summary>
/// The claims ledger (SPEC §7): the 11 claims, each PENDING until a rule function in <see cref="Claims"/> rules on it.
/// </summary>
public sealed class ClaimsLedger
{
    /// <summary>The paper's statements, short, by claim id (index 0 = claim 1).</summary>
    public static IReadOnlyList<string> Statements { get; } =
    [
        "Genre neurons emerge unsupervised: ML-1M MF Comedy and Horror purity 1.00 at K=10; several genres 1.00 for MF and NCF",
        "Music-tag neurons: metal, electronic, folk, country with purity@10 >= 0.9 on Last.FM",
        "A popularity neuron exists in every model",
        "Fidelity (RBO, Kendall tau) rises with lambda_pred from 0 to 10, MF and NCF",
        "Monosemanticity is highest at an intermediate lambda_pred, not at 10",
        "KL sparsity leaves fewer dead latents than Top-K at matched L0",
        "Suppression: target share falls monotonically in v, ends below a quarter of Orig",
        "Nudging: target share rises monotonically in v",
        "Promotion: exposure at v = 4 is at least 0.8",
        "Matryoshka: first prefix denser and more popularity-aligned; later neurons more specific",
        "An era (golden age) neuron on ML-1M: over half of its top 200 before 1970",
    ];

    private readonly ClaimRow[] _rows;

    /// <summary>A ledger with every claim pending.</summary>
    public ClaimsLedger()
    {
        _rows = Statements.Select((s, i) => new ClaimRow(i + 1, s, "-", Verdict.Pending, "not measured yet")).ToArray();
    }

    /// <summary>The rows, by claim id.</summary>
    public IReadOnlyList<ClaimRow> Rows => _rows;

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
        for (int id = 1; id <= Statements.Count; id++)
        {
            var rows = perSeed.Select(p => (p.Seed, Row: p.Ledger.Rows[id - 1])).ToList();
            int n = rows.Count;
            int passed = rows.Count(r => r.Row.Verdict == Verdict.Reproduced);
            int failed = rows.Count(r => r.Row.Verdict == Verdict.NotReproduced);
            Verdict verdict =
                rows.All(r => r.Row.Verdict == Verdict.NotApplicable) ? Verdict.NotApplicable
                : rows.Any(r => r.Row.Verdict == Verdict.Pending) ? Verdict.Pending
                : passed == n ? Verdict.Reproduced
                : passed == 0 && failed > 0 ? Verdict.NotReproduced
                : passed == 0 ? Verdict.Inconclusive
                : Verdict.Mixed;
            string ours = string.Join(" · ", rows.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"seed {r.Seed} {Short(r.Row.Verdict)}: {r.Row.OurNumbers}")));
            string reason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{passed} of {n} seeds pass; {rows[0].Row.Reason}");
            combined.Set(new ClaimRow(id, Statements[id - 1], ours, verdict, reason, passed, n));
        }
        return combined;
    }

    private static string Short(Verdict v) => v switch
    {
        Verdict.Reproduced => "pass",
        Verdict.NotReproduced => "fail",
        Verdict.Inconclusive => "tie",
        Verdict.NotApplicable => "n/a",
        _ => "pending",
    };

    /// <summary>The ledger as a markdown table.</summary>
    public string ToMarkdown()
    {
        var t = new MarkdownTable("#", "paper", "ours", "verdict", "why");
        foreach (var r in _rows)
        {
            t.Add(r.Id, r.PaperStatement, r.OurNumbers, r.VerdictText, r.Reason);
        }
        return t.ToString();
    }
}
