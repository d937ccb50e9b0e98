using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// One claim of SPEC §7 (or one part of it, <see cref="Part"/>) as an object: its number, the paper's statement, the
/// series it reads (by cell and name), and a rule that turns the evidence into a <see cref="ClaimRow"/>. A claim that
/// rules by checks (<see cref="CheckedClaim{TInput}"/>) rules over every seed at once, so its margins and pass rates
/// see all of them; any other claim rules one seed at a time and <see cref="RuleOverSeeds"/> combines the seeds'
/// verdicts. Each claim carries its thresholds and margins as named constants and a <c>Rule</c> overload over plain
/// results, which its unit tests (and the fixtures on the paper's own numbers) call.
/// </summary>
/// <param name="Number">The claim's number in SPEC §7 (1..11).</param>
/// <param name="Statement">The paper's statement, short.</param>
public abstract record Claim(int Number, string Statement)
{
    /// <summary>The part of a claim ruled in several rows ("a", "b"), or empty.</summary>
    public string Part { get; init; } = "";

    /// <summary>The claim's label: its number and part ("4a").</summary>
    public string Label => Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + Part;

    /// <summary>The series this claim reads, by cell and name, as a missing-series error names them.</summary>
    public abstract IReadOnlyList<SeriesName> Reads { get; }

    /// <summary>The claim's row before anything is measured.</summary>
    public ClaimRow Pending => Row("-", Verdict.Pending, "not measured yet");

    /// <summary>The claim's row when a result it reads could not be made: NOT RULED, saying which and why.</summary>
    public ClaimRow NotRuled(string why) => Row("-", Verdict.NotRuled, why);

    /// <summary>The claim's verdict for one seed: reads its series from <paramref name="evidence"/> by name, then rules.</summary>
    public abstract ClaimRow Rule(LedgerEvidence evidence);

    /// <summary>
    /// The claim's verdict over several seeds (a seed = split, recommenders and SAEs): here each seed's <see cref="Rule(LedgerEvidence)"/>,
    /// combined by <see cref="ClaimsLedger.CombineRows"/>; a claim that rules by checks rules every seed at once. A
    /// result a seed's rule reads that could not be made makes the claim NOT RULED, naming the seed.
    /// </summary>
    public virtual ClaimRow RuleOverSeeds(IReadOnlyList<(ulong Seed, LedgerEvidence Evidence)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var rows = new List<(ulong Seed, ClaimRow Row)>();
        foreach (var (seed, evidence) in seeds)
        {
            try
            {
                rows.Add((seed, Rule(evidence)));
            }
            catch (MissingEvidenceException e)
            {
                rows.Add((seed, NotRuled(e.Message)));
            }
        }
        return ClaimsLedger.CombineRows(this, rows);
    }

    /// <summary>A row of this claim.</summary>
    /// <param name="ours">What was measured, as text.</param>
    /// <param name="verdict">The ruling.</param>
    /// <param name="why">Which test decided it, with its thresholds and margins.</param>
    protected ClaimRow Row(string ours, Verdict verdict, string why) => new(Number, Statement, ours, verdict, why) { Part = Part };

    /// <summary>One name per cell of the paper (ML-1M, Last.FM × MF, NCF, in that order) for a measure read in every model.</summary>
    protected static IReadOnlyList<SeriesName> EveryPaperCell(string measure) =>
        [.. PaperSetting.PaperDatasets.SelectMany(d => PaperSetting.Models.Select(m => new SeriesName(d, m, measure)))];

    /// <summary>A claim over several parts: every part must pass; any failure fails; otherwise (some ties, no failure) inconclusive.</summary>
    /// <param name="outcomes">Per part: true passes, false fails, null is a tie or an undefined value.</param>
    protected static Verdict AllOf(IReadOnlyList<bool?> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return outcomes.Any(o => o == false) ? Verdict.NotReproduced
            : outcomes.All(o => o == true) ? Verdict.Reproduced
            : Verdict.Inconclusive;
    }
}
