using Repro.Reporting;

namespace Repro.Experiments;

/// <summary>One departure from the paper's code, with its reason.</summary>
public sealed record Deviation(string Id, string Original, string Here, string Why);

/// <summary>The deviations table of SPEC §8, kept as data here and printed by the suite.</summary>
public static class DeviationsTable
{
    /// <summary>D1..D8, as pinned in SPEC §8.</summary>
    public static IReadOnlyList<Deviation> Rows { get; } =
    [
        new("D1", "Last.FM = Kaggle MSD + Last.fm tags, 22,546 × 2,277", "HetRec 2011 lastfm-2k, artists", "the original is not publicly downloadable"),
        new("D2", "MF SAE trained on per-batch min-max inputs, evaluated on raw", "raw everywhere", "train/eval mismatch in the notebooks"),
        new("D3", "prediction loss differs per notebook (MSE / BCE, positive / random pairs)", "MF: logit MSE on the cross product; NCF: probability MSE on training pairs", "one definition per model"),
        new("D4", "no seeds", "every random draw from seeded generators", "reproducibility"),
        new("D5", "score-weighted NDCG, no exclusion of training items", "binary NDCG, training items excluded", "standard metric"),
        new("D6", "neurons picked by hand", "picked by the purity rule", "no human in the loop"),
        new("D7", "Last.FM NCF: biases after the sigmoid, frozen parameters", "the ML-1M NCF recipe with d = 100, lr 1e-3", "bugs in the notebook"),
        new("D8", "ML-1M NCF trained with Adam lr 0.05", "lr 1e-3", "0.05 diverges (see §3)"),
    ];

    /// <summary>The table as markdown.</summary>
    public static string ToMarkdown()
    {
        var t = new MarkdownTable("#", "original", "here", "why");
        foreach (var d in Rows)
        {
            t.Add(d.Id, d.Original, d.Here, d.Why);
        }
        return t.ToString();
    }
}
