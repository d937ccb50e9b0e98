using System.Globalization;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// One test of one seed's number, as the ledger's evidence table prints it: the number, the test it faces, the noise
/// band it carries, the outcome, and whether that outcome is settled. The band is the tolerance the number's measure
/// carries in the approved tables (<see cref="NoiseBands"/>; 0 for exact numbers: purities, counts, ranks, and the
/// paper's printed numbers): a number inside the band of a boundary is a tie, so a move within the band can turn a
/// pass into a tie but never into a fail. An outcome is settled when it is the same with no band and with twice the
/// band: any number within the band of this one is then ruled the same, so the approved ledger compares it; an
/// unsettled one it does not (the evidence table marks it).
/// </summary>
/// <param name="Name">What was tested, on which cell ("ml-1m MF RBO, rise λ_pred 1 → 10").</param>
/// <param name="Value">The number (NaN: undefined, a tie).</param>
/// <param name="Test">The test as text ("≥ 0.9", "> margin", "= 1.00").</param>
/// <param name="Threshold">The boundary the test names (a margin, a purity), for the table.</param>
/// <param name="Band">The noise band of <paramref name="Value"/> (≥ 0).</param>
/// <param name="Outcome">The outcome with <paramref name="Band"/>.</param>
/// <param name="Settled">Whether the outcome is the same with no band and with twice the band.</param>
public sealed record Check(string Name, double Value, string Test, double Threshold, double Band, CheckOutcome Outcome, bool Settled)
{
    /// <summary>The paper's value of the same quantity, where it printed one (shown beside ours).</summary>
    public double? Paper { get; init; }

    /// <summary>Whether the check decides the claim (false: reported beside the verdict only).</summary>
    public bool Decides { get; init; } = true;

    /// <summary>A note the row carries: "turns on one item of 10" where one item more or less would change the outcome.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// A number against two boundaries: with <paramref name="higherPasses"/>, pass when value − band ≥ <paramref name="passAt"/>
    /// (&gt; when <paramref name="strict"/>), fail when value + band &lt; <paramref name="failAt"/> (≤ when strict), else a
    /// tie; otherwise the mirror image (pass when value + band ≤ passAt). A NaN value is a tie. With a
    /// <paramref name="step"/> (the measure's resolution: 0.1 for purity@10, 1 for a count) the check notes when a
    /// move of one step would change its outcome, naming the step as <paramref name="stepName"/>.
    /// </summary>
    public static Check Against(string name, double value, string test, double passAt, double failAt, double band,
        bool higherPasses = true, bool strict = false, double step = 0, string stepName = "one item")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        CheckOutcome At(double v, double b) => Rule(v, passAt, failAt, b, higherPasses, strict);
        var outcome = At(value, band);
        string? note = null;
        if (step > 0 && !double.IsNaN(value))
        {
            // Rounded so that a count over K moved by one step lands exactly on its neighbour (0.505 − 0.005 = 0.5).
            var towards = At(Math.Round(value + ((outcome == CheckOutcome.Pass) == higherPasses ? -step : step), 12), 0);
            note = towards != At(value, 0) ? $"turns on {stepName}" : null;
        }
        return new Check(name, value, test, passAt, band, outcome, At(value, 0) == At(value, 2 * band)) { Note = note };
    }

    /// <summary>
    /// Spearman's ρ of <paramref name="values"/> against <paramref name="predictionWeights"/> at least
    /// <paramref name="atLeast"/>, with each value known only within ±band: pass when every order of the values that
    /// the bands allow gives ρ ≥ atLeast, fail when none does, else a tie (<see cref="Spearman.Range"/>).
    /// </summary>
    public static Check SpearmanAtLeast(string name, IReadOnlyList<double> predictionWeights, IReadOnlyList<double> values, double atLeast, double band)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        CheckOutcome At(double b)
        {
            var (lo, hi) = Spearman.Range(predictionWeights, values, b);
            return double.IsNaN(lo) ? CheckOutcome.Tie : lo >= atLeast ? CheckOutcome.Pass : hi < atLeast ? CheckOutcome.Fail : CheckOutcome.Tie;
        }
        double rho = Spearman.Rho(predictionWeights, values);
        return new Check(name, rho, "Spearman ≥ " + NumberText.Fixed(atLeast, 1), atLeast, band, At(band), At(0) == At(2 * band));
    }

    /// <summary>The outcome of a number against two boundaries with a band (see <see cref="Against"/>).</summary>
    public static CheckOutcome Rule(double value, double passAt, double failAt, double band, bool higherPasses = true, bool strict = false)
    {
        if (double.IsNaN(value))
        {
            return CheckOutcome.Tie;
        }
        double v = higherPasses ? value : -value, p = higherPasses ? passAt : -passAt, f = higherPasses ? failAt : -failAt;
        bool pass = strict ? v - band > p : v - band >= p;
        bool fail = strict ? v + band <= f : v + band < f;
        return pass ? CheckOutcome.Pass : fail ? CheckOutcome.Fail : CheckOutcome.Tie;
    }

    /// <summary>"pass", "tie", "fail".</summary>
    public static string Text(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "pass",
        CheckOutcome.Fail => "fail",
        _ => "tie",
    };

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {NumberText.Significant(Value)} {Test} → {Text(Outcome)}{(Settled ? "" : " (unsettled)")}");
}
