using Repro.Claims;

namespace Repro.Presentation;

/// <summary>The claims ledger as the report and the approved file print it.</summary>
public static class ClaimsLedgerMarkdown
{
    /// <summary>The ledger as a markdown table: claim, the paper's statement, our numbers, the verdict and why.</summary>
    public static string ToMarkdown(this ClaimsLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var t = new MarkdownTable("#", "paper", "ours", "verdict", "why");
        foreach (var r in ledger.Rows)
        {
            t.Add(r.Id, r.PaperStatement, r.OurNumbers, r.VerdictText, r.Reason);
        }
        return t.ToString();
    }
}
