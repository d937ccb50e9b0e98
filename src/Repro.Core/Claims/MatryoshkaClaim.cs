using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 10 on the Last.FM MF Matryoshka SAE (m = 80; HetRec, D1), first band (m/4) against last band (m/2), each
/// difference against the same difference in the control, a plain SAE of the same width and budget whose bands are
/// arbitrary cuts: the first band is denser (activation frequency), more popularity-aligned (mean popularity rank of
/// its neurons' top K), and the last band's neurons are more specific (the median base rate of each neuron's best raw
/// tag, <see cref="TagSpecificity"/>: a rarer tag at high purity is more specific). Each Matryoshka-minus-control
/// difference must clear its margin (2 × pooled sd over seeds of the two band differences); all three must pass. The
/// concept entropy of the top K over tag families (the earlier reading of "specific") is reported beside them. Band
/// numbers are exact (no noise band).
/// </summary>
public sealed record MatryoshkaClaim() : CheckedClaim<(string Label, HierarchyResult Hierarchy)>(10, "Matryoshka: first prefix denser and more popularity-aligned; later neurons more specific")
{
    /// <summary>The Last.FM MF hierarchy (the paper's Matryoshka m = 80).</summary>
    public static SeriesName Series { get; } = new(DatasetName.LastFm, RecommenderKind.MF, "Matryoshka hierarchy");

    /// <summary>The margins' names, by what is compared: "lastfm MF Matryoshka frequency" etc.</summary>
    public static string MarginName(string what) => Series.Cell + " Matryoshka " + what;

    private static readonly (string What, string Test, Func<MatryoshkaResult, double> Gap, bool Decides)[] Comparisons =
    [
        ("frequency", "first − last band: activation frequency", r => r.First.ActivationFrequency - r.Last.ActivationFrequency, true),
        ("popularity rank", "last − first band: mean popularity rank of the top K", r => r.Last.MeanPopularityRank - r.First.MeanPopularityRank, true),
        ("tag base rate", "first − last band: median base rate of each neuron's best raw tag", r => r.First.MedianTagBaseRate - r.Last.MedianTagBaseRate, true),
        ("concept entropy", "first − last band: concept entropy of the top K (reported)", r => r.First.ConceptEntropyBits - r.Last.ConceptEntropyBits, false),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [Series];

    /// <inheritdoc />
    public override string PaperNumbers => "none printed (the paper's Matryoshka SAE: Last.FM MF, m = 80, prefixes 20/40/80)";

    /// <inheritdoc />
    public override string Test =>
        "Last.FM MF Matryoshka m = 80 (HetRec, D1), first band (m/4) vs last band (m/2), each minus the same difference in a plain SAE of the same width and budget (the control): denser, more popularity-aligned, last band more specific (median base rate of each neuron's best raw tag) — each > its margin (2 × pooled sd over seeds, see Margins; exact numbers); all three needed";

    /// <inheritdoc />
    public override (string Label, HierarchyResult Hierarchy) Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.Read(this, Series, cell =>
        {
            var h = evidence.Hierarchy(cell);
            return (string.Create(CultureInfo.InvariantCulture, $"{cell.Label} Matryoshka m = {h.Sae.Latents}"), h);
        });
    }

    /// <summary>The verdict on one Matryoshka SAE's bands and its control (our numbers).</summary>
    public ClaimRow Rule(string label, HierarchyResult hierarchy) => Rule((label, hierarchy), NoiseBands.Measured);

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks((string Label, HierarchyResult Hierarchy) input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input.Hierarchy);
        var (label, h) = input;
        return [.. Comparisons.Select(c =>
        {
            double margin = NoiseMargins.Of(MarginName(c.What));
            double gap = c.Gap(h.Result) - (h.Control is null ? 0 : c.Gap(h.Control));
            string name = $"{label}, {c.Test}, Matryoshka − control" + (h.Control is null ? " (no control: 0)" : "");
            return Check.Against(name, gap, "> margin", margin, -margin, 0, strict: true) with { Decides = c.Decides };
        })];
    }

    /// <inheritdoc />
    public override IReadOnlyList<NoiseMargin> Margins(IReadOnlyList<(ulong Seed, (string Label, HierarchyResult Hierarchy) Input)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return [.. Comparisons.Select(c => MarginOf(MarginName(c.What), [.. seeds.Select(s => (s.Seed, (IReadOnlyList<double>)
            [c.Gap(s.Input.Hierarchy.Result), s.Input.Hierarchy.Control is { } control ? c.Gap(control) : double.NaN]))]))];
    }
}
