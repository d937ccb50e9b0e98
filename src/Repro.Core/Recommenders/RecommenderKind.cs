namespace Repro.Recommenders;

/// <summary>
/// The two recommenders of the paper (SPEC §3). Everything that differs between them lives behind
/// <see cref="ITwoTower"/> or is chosen by this value; its name ("MF", "NCF") is what tables and cache keys print.
/// </summary>
public enum RecommenderKind
{
    /// <summary>Logistic matrix factorisation with per-user and per-item biases, trained by SGD.</summary>
    MF,

    /// <summary>Neural collaborative filtering (an MLP over the concatenated user and item vectors), trained by Adam.</summary>
    NCF,
}
