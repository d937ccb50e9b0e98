using Repro.Recommenders;

namespace Repro.Interventions;

/// <summary>
/// What a latent edit is scored against (SPEC §6). Both are shown beside each other; the claims are ruled on
/// <see cref="EditOnly"/> (deviation D15).
/// </summary>
public enum InterventionProtocol
{
    /// <summary>Only the edited vector changes: the other side keeps the recommender's original embeddings.</summary>
    EditOnly,

    /// <summary>
    /// The authors' ML-1M NCF notebook: every item passes through the SAE (reconstructed), and an edited user vector is
    /// encoded and decoded once more before scoring; in item promotion every item is reconstructed and the promoted one
    /// overwritten with its edited decode. For MF the notebooks replace only the edited vector, so there it is
    /// <see cref="EditOnly"/>.
    /// </summary>
    Notebook,
}

/// <summary>Names and the per-model list of <see cref="InterventionProtocol"/>s.</summary>
public static class InterventionProtocols
{
    /// <summary>
    /// The protocols a grid of this model shows: MF only "edit only" (the notebooks' MF protocol is the same thing), NCF
    /// both.
    /// </summary>
    public static IReadOnlyList<InterventionProtocol> For(RecommenderKind model) =>
        model == RecommenderKind.NCF ? [InterventionProtocol.EditOnly, InterventionProtocol.Notebook] : [InterventionProtocol.EditOnly];

    /// <summary>Whether the protocol passes the other side through the SAE for this model (the notebook protocol on NCF).</summary>
    public static bool ReconstructsTheOtherSide(this InterventionProtocol protocol, RecommenderKind model) =>
        protocol == InterventionProtocol.Notebook && model == RecommenderKind.NCF;

    /// <summary>The protocol as tables print it.</summary>
    public static string Label(this InterventionProtocol protocol) => protocol switch
    {
        InterventionProtocol.EditOnly => "edit only",
        InterventionProtocol.Notebook => "notebook",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };
}
