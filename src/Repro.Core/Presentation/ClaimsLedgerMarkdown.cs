using System.Globalization;
using System.Text;
using Repro.Claims;

namespace Repro.Presentation;

/// <summary>
/// The claims ledger as the report and the approved file print it: one row per claim (or part), then every seed's
/// checks with their numbers, and the margins with the spread measured now. Numbers that come out of a training sit in
/// the evidence table and are compared within their noise band; a verdict or outcome decided within twice its band of
/// a boundary carries <see cref="ColumnTolerance.UnsettledMark"/> and is not compared (another CPU may rule it otherwise).
/// </summary>
public static class ClaimsLedgerMarkdown
{
    /// <summary>The summary: claim, the paper's statement and numbers, each seed's outcome, the verdict and the test.</summary>
    public static string ToMarkdown(this ClaimsLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var t = new MarkdownTable("#", "paper", "paper's numbers", "ours, per seed", "verdict", "test")
            .MayBeUnsettled("ours, per seed")
            .MayBeUnsettled("verdict");
        foreach (var r in ledger.Rows)
        {
            t.Add(r.Label, r.PaperStatement, r.Paper, r.OurNumbers + Mark(r.ChecksSettled), r.VerdictText + Mark(r.Settled), r.Reason);
        }
        return t.ToString();
    }

    /// <summary>Every seed's checks of the claims that rule by checks: the number, the paper's, the test, the band and the outcome.</summary>
    public static string EvidenceToMarkdown(this ClaimsLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var t = new MarkdownTable("#", "seed", "check", "ours", "paper", "test", "threshold", "band", "outcome", "note")
            .ToleranceFrom("ours", "band")
            .MayBeUnsettled("outcome");
        foreach (var r in ledger.Rows)
        {
            foreach (var (seed, c) in r.Checks)
            {
                t.Add(r.Label, seed.ToString(CultureInfo.InvariantCulture), c.Name, c.Value, c.Paper is double p ? MarkdownTable.Number(p) : "", c.Test,
                    c.Threshold, c.Band, Check.Text(c.Outcome) + Mark(c.Settled), (c.Decides ? "" : "reported, not deciding") + (c.Note is null ? "" : (c.Decides ? "" : "; ") + c.Note));
            }
        }
        return t.ToString();
    }

    /// <summary>The margins the checks use (each once), with 2 × the pooled sd over this run's seeds beside it.</summary>
    public static string MarginsToMarkdown(this ClaimsLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var t = new MarkdownTable("margin of", "margin", "2 × sd over seeds, measured now", "band", "seeds")
            .ToleranceFrom("2 × sd over seeds, measured now", "band");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in ledger.Rows.SelectMany(r => r.Margins).Where(m => seen.Add(m.Name)))
        {
            t.Add(m.Name, m.Value, m.Measured, m.Band, string.Join(", ", m.Seeds));
        }
        return t.ToString();
    }

    /// <summary>The three tables with their headings (level <paramref name="level"/>), as the approved ledger and the report print them.</summary>
    public static string ToMarkdownWithEvidence(this ClaimsLedger ledger, int level = 2)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        string h = new('#', level);
        var sb = new StringBuilder();
        sb.Append(ledger.ToMarkdown());
        sb.Append('\n').Append(ColumnTolerance.UnsettledMark + ": decided within twice its noise band of a boundary, so another CPU may rule it otherwise; the approved ledger does not compare it. "
            + "A seed passes a claim when every deciding check passes (claim 6: one passes and none fails); REPRODUCED = every seed passes, MIXED k/N = k pass, INCONCLUSIVE = no seed decides.\n");
        sb.Append('\n').Append(h).Append(" Evidence: every seed's checks\n\n")
          .Append("Our number (ours) beside the paper's where it printed one; the test's threshold (a margin, see below, or the paper's bound) and the noise band the number carries (the approved tables' tolerance; 0 for exact counts and purities): within the band of its threshold a check ties.\n\n")
          .Append(ledger.EvidenceToMarkdown());
        sb.Append('\n').Append(h).Append(" Margins\n\n")
          .Append("Each margin is a constant: 2 × the pooled standard deviation over seeds of one value of its measure (a seed retrains the split, the recommender and the SAEs), as the suite measured it, rounded up; beside it, the same spread measured by this run.\n\n")
          .Append(ledger.MarginsToMarkdown());
        return sb.ToString();
    }

    private static string Mark(bool settled) => settled ? "" : " " + ColumnTolerance.UnsettledMark;
}
