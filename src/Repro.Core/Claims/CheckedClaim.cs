using System.Globalization;
using System.Text;

namespace Repro.Claims;

/// <summary>
/// A claim ruled by checks (<see cref="Check"/>), over every seed at once: each seed's input is read from its evidence,
/// turned into checks with the claim's margins (constants derived from the seed-to-seed spread,
/// <see cref="NoiseMargins"/>) and the numbers' noise bands, and the deciding checks add up to the seed's outcome
/// (<see cref="Decide"/>: every check must pass, unless the claim says otherwise). Over seeds: REPRODUCED when every
/// seed passes, NOT REPRODUCED when none passes and some fail, INCONCLUSIVE when no seed decides, else MIXED k/N. The
/// row lists each seed's outcome with the checks that decided a seed that did not pass (and any check one item from
/// the other side), and is unsettled where another CPU could rule otherwise. The same object rules the paper's own
/// printed numbers (<see cref="NoiseBands.Printed"/>) in the unit fixtures.
/// </summary>
/// <typeparam name="TInput">What one seed's rule reads (a list of sweeps, purity tables, ...).</typeparam>
/// <param name="Number">The claim's number in SPEC §7.</param>
/// <param name="Statement">The paper's statement, short.</param>
public abstract record CheckedClaim<TInput>(int Number, string Statement) : Claim(Number, Statement)
{
    // At most this many checks are named per seed in the row (the evidence table has them all).
    private const int NamedChecks = 4;

    /// <summary>One seed's input, read from its evidence by series name.</summary>
    public abstract TInput Read(LedgerEvidence evidence);

    /// <summary>One seed's checks, with the claim's margins and the given noise bands.</summary>
    public abstract IReadOnlyList<Check> Checks(TInput input, NoiseBands bands);

    /// <summary>The margins the checks use, each with the spread measured over <paramref name="seeds"/>.</summary>
    public virtual IReadOnlyList<NoiseMargin> Margins(IReadOnlyList<(ulong Seed, TInput Input)> seeds) => [];

    /// <summary>The test as the ledger states it: what each check asks, its margins and bands.</summary>
    public abstract string Test { get; }

    /// <summary>The paper's numbers for this claim, as text (empty when it printed none).</summary>
    public virtual string PaperNumbers => "";

    /// <summary>How a seed's deciding checks add up to its outcome (default: every check must pass).</summary>
    protected virtual CheckOutcome Decide(IReadOnlyList<CheckOutcome> outcomes) => Decision.AllOf(outcomes);

    /// <summary>One seed's verdict (the row's seed is 0); a result it reads that could not be made makes it NOT RULED.</summary>
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        TInput input;
        try
        {
            input = Read(evidence);
        }
        catch (MissingEvidenceException e)
        {
            return NotRuled(e.Message);
        }
        return Rule(input, NoiseBands.Measured);
    }

    /// <inheritdoc />
    public override ClaimRow RuleOverSeeds(IReadOnlyList<(ulong Seed, LedgerEvidence Evidence)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var inputs = new List<(ulong Seed, TInput Input)>();
        foreach (var (seed, evidence) in seeds)
        {
            try
            {
                inputs.Add((seed, Read(evidence)));
            }
            catch (MissingEvidenceException e)
            {
                return NotRuled(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {e.Message}"));
            }
        }
        return Rule(inputs, NoiseBands.Measured);
    }

    /// <summary>The verdict on one input (seed 0) with the given bands: how the paper's printed numbers are ruled.</summary>
    public ClaimRow Rule(TInput input, NoiseBands bands) => Rule([(0UL, input)], bands);

    /// <summary>The verdict over seeds' inputs with the given bands.</summary>
    public ClaimRow Rule(IReadOnlyList<(ulong Seed, TInput Input)> seeds, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(bands);
        if (seeds.Count == 0)
        {
            return Pending;
        }
        var checks = new List<(ulong Seed, Check Check)>();
        var outcomes = new List<(ulong Seed, CheckOutcome Outcome, bool Settled)>();
        var ours = new StringBuilder();
        int applicable = 0;
        foreach (var (seed, input) in seeds)
        {
            var seedChecks = Checks(input, bands);
            checks.AddRange(seedChecks.Select(c => (seed, c)));
            var deciding = seedChecks.Where(c => c.Decides).ToList();
            if (ours.Length > 0)
            {
                ours.Append(" · ");
            }
            if (deciding.Count == 0)
            {
                ours.Append(CultureInfo.InvariantCulture, $"{seed} n/a");
                continue;
            }
            applicable++;
            var (outcome, settled) = Decision.Combine([.. deciding.Select(c => (c.Outcome, c.Settled))], Decide);
            outcomes.Add((seed, outcome, settled));
            ours.Append(CultureInfo.InvariantCulture, $"{seed} {Check.Text(outcome)}");
            var named = deciding.Where(c => (c.Outcome == outcome && outcome != CheckOutcome.Pass) || c.Note is not null).ToList();
            if (named.Count > 0)
            {
                ours.Append(": ").AppendJoin(", ", named.Take(NamedChecks).Select(c => c.Name + (c.Note is null ? "" : $" ({c.Note})")));
                ours.Append(named.Count > NamedChecks ? string.Create(CultureInfo.InvariantCulture, $" and {named.Count - NamedChecks} more") : "");
            }
        }
        if (checks.Count == 0)
        {
            return Pending;
        }
        if (applicable == 0)
        {
            return Row(ours.ToString(), Verdict.NotApplicable, Test) with { Checks = checks, Paper = PaperNumbers, Seeds = seeds.Count };
        }
        var ((verdict, passed), verdictSettled) = Decision.Combine([.. outcomes.Select(o => (o.Outcome, o.Settled))], Over);
        return Row(ours.ToString(), verdict, Test) with
        {
            Passed = passed,
            Seeds = outcomes.Count,
            Checks = checks,
            SeedOutcomes = outcomes,
            Margins = Margins(seeds),
            Settled = verdictSettled,
            ChecksSettled = checks.All(c => c.Check.Settled),
            Paper = PaperNumbers,
        };
    }

    // Seeds' outcomes → the verdict and the number of passing seeds.
    private static (Verdict Verdict, int Passed) Over(IReadOnlyList<CheckOutcome> seeds)
    {
        int passed = seeds.Count(o => o == CheckOutcome.Pass), failed = seeds.Count(o => o == CheckOutcome.Fail);
        var verdict = passed == seeds.Count ? Verdict.Reproduced
            : passed == 0 && failed > 0 ? Verdict.NotReproduced
            : passed == 0 ? Verdict.Inconclusive
            : Verdict.Mixed;
        return (verdict, passed);
    }

    /// <summary>
    /// The margin <paramref name="name"/> (<see cref="NoiseMargins.Of"/>) with the spread of <paramref name="values"/>
    /// over the seeds (values[s][p]: seed s, point p), whose values carry <paramref name="band"/>.
    /// </summary>
    protected static NoiseMargin MarginOf(string name, IReadOnlyList<(ulong Seed, IReadOnlyList<double> Values)> values, double band = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new NoiseMargin(name, NoiseMargins.Of(name), SeedSpread.TwicePooledSd([.. values.Select(v => v.Values)]), [.. values.Select(v => v.Seed)]) { Band = band };
    }
}
