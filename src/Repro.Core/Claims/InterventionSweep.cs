using System.Globalization;
using Repro.Experiments;
using Repro.Interventions;

namespace Repro.Claims;

/// <summary>A measured quantity along the intervention values v: a target share (claims 7, 8) or an exposure (claim 9).</summary>
/// <param name="Label">Model, concept and audience.</param>
/// <param name="Original">The quantity for the unedited model ("Orig").</param>
/// <param name="Values">The v values, in any order.</param>
/// <param name="Shares">The quantity at each v.</param>
public sealed record InterventionSweep(string Label, double Original, IReadOnlyList<double> Values, IReadOnlyList<double> Shares)
{
    /// <summary>
    /// The control's effects (claims 7, 8): the same edit on each other latent active on the audience, measured as the
    /// sweep's own effect is (<see cref="InterventionControl"/>). Null: the series comes without a control (the paper's
    /// printed numbers, which have none); empty: no other latent was active, so the control is undefined.
    /// </summary>
    public IReadOnlyList<double>? ControlEffects { get; init; }

    /// <summary>The edited latent as chosen (claim 9 reads its purity for the concept); null: not reported (the paper's numbers).</summary>
    public LatentChoice? Latent { get; init; }

    /// <summary>Why the grid was not run (<see cref="SkippedGrid.Reason"/>); null when it ran.</summary>
    public string? Skipped { get; init; }

    /// <summary>Why no verdict can be drawn from this series (skipped, empty, or NaN from an empty audience); null when it is measured.</summary>
    public string? Unmeasured =>
        Skipped is string skipped ? "not run: " + skipped
        : Shares.Count == 0 ? "empty series"
        : double.IsNaN(Original) || Shares.Any(double.IsNaN) ? "not measured: empty audience (NaN shares)"
        : null;

    /// <summary>A series for a grid that was not run, saying why.</summary>
    public static InterventionSweep NotRun(string label, string reason) => new(label, double.NaN, [], []) { Skipped = reason };

    /// <summary>The share at the grid value <paramref name="v"/> (compared exactly: grids are written as literals), or null if v was not measured.</summary>
    public double? ShareAt(double v)
    {
        for (int i = 0; i < Values.Count; i++)
        {
            if (Values[i] == v)
            {
                return Shares[i];
            }
        }
        return null;
    }

    /// <summary>The shares ordered by v, ascending or descending; throws naming the sweep unless there is one share per v.</summary>
    public double[] SharesByValue(bool descending)
    {
        if (Values.Count != Shares.Count || Values.Count == 0)
        {
            throw new InvalidOperationException($"Sweep '{Label}' needs one share per v (got {Values.Count} and {Shares.Count}).");
        }
        return [.. Order(descending).Select(i => Shares[i])];
    }

    /// <summary>"label: Orig 0.88; v=1: 0.69, v=0.5: 0.64, …" with v in the given order.</summary>
    public string Describe(bool descending) =>
        $"{Label}: Orig {NumberText.Fixed(Original)}; " + string.Join(", ", Order(descending).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"v={NumberText.Significant(Values[i])}: {NumberText.Fixed(Shares[i])}")));

    private IEnumerable<int> Order(bool descending)
    {
        var idx = Enumerable.Range(0, Values.Count);
        return descending ? idx.OrderByDescending(i => Values[i]) : idx.OrderBy(i => Values[i]);
    }
}
