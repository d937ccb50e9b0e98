using System.Globalization;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>A measured quantity along the intervention values v: a target share (claims 7, 8) or an exposure (claim 9).</summary>
/// <param name="Label">Model, concept and audience.</param>
/// <param name="Original">The quantity for the unedited model ("Orig").</param>
/// <param name="Values">The v values, in any order.</param>
/// <param name="Shares">The quantity at each v.</param>
public sealed record InterventionSweep(string Label, double Original, IReadOnlyList<double> Values, IReadOnlyList<double> Shares)
{
    /// <summary>Why no verdict can be drawn from this series (empty, or NaN from an empty audience); null when it is measured.</summary>
    public string? Unmeasured =>
        Shares.Count == 0 ? "empty series"
        : double.IsNaN(Original) || Shares.Any(double.IsNaN) ? "not measured: empty audience (NaN shares)"
        : null;

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
