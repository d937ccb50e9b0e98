using System.Globalization;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// A margin a claim's difference must clear to count, beside the spread this run measured for it. The margin itself is
/// a constant (<see cref="NoiseMargins"/>), derived from the seed-to-seed spread the suite measured, so a verdict never
/// moves with the margin; the ledger prints the spread measured now beside it, and a paper fixture fails when the
/// spread outgrows the margin.
/// </summary>
/// <param name="Name">What it is the margin of ("ml-1m MF RBO").</param>
/// <param name="Value">The margin (<see cref="NoiseMargins"/>).</param>
/// <param name="Measured">2 × the pooled sd over this run's seeds (<see cref="SeedSpread.TwicePooledSd"/>; NaN with one seed).</param>
/// <param name="Seeds">The seeds it was measured over.</param>
public sealed record NoiseMargin(string Name, double Value, double Measured, IReadOnlyList<ulong> Seeds)
{
    /// <summary>The noise band one value of the measure carries (the spread moves with the values on another CPU).</summary>
    public double Band { get; init; }

    /// <summary>Whether the margin covers the spread measured now (true when nothing could be measured).</summary>
    public bool Covers => double.IsNaN(Measured) || Measured <= Value;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: margin {NumberText.Significant(Value)}, measured 2 × sd {NumberText.Significant(Measured)} over seeds {string.Join(", ", Seeds)}");
}
