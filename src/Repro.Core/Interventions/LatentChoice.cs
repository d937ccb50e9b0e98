using System.Globalization;
using Repro.Analysis;
using Repro.Data;

namespace Repro.Interventions;

/// <summary>Which embeddings an intervention edits.</summary>
public enum EditSide
{
    /// <summary>User codes (suppression, nudging).</summary>
    Users,

    /// <summary>Item codes (promotion).</summary>
    Items,
}

/// <summary>purity@10 and purity@20 of every (latent, concept) pair of one SAE's item activations (SPEC §5), as [latent, concept]; dead latents NaN.</summary>
/// <param name="Concepts">The concept names, in table order.</param>
/// <param name="At10">purity@10.</param>
/// <param name="At20">purity@20 (the selection depth).</param>
public sealed record LatentPurities(IReadOnlyList<string> Concepts, double[,] At10, double[,] At20)
{
    /// <summary>Both matrices of <paramref name="itemActivations"/> ([items, latents]) for <paramref name="table"/>.</summary>
    public static LatentPurities Of(float[,] itemActivations, ConceptTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new(table.Names, ConceptPurity.Matrix(itemActivations, table, 10), ConceptPurity.Matrix(itemActivations, table, ConceptPurity.SelectionDepth));
    }

    /// <summary>Number of latents.</summary>
    public int Latents => At20.GetLength(0);

    /// <summary>
    /// The concept latent <paramref name="latent"/> is purest for (highest purity@20, ties to the lower concept index, as
    /// <see cref="ConceptPurity.BestConcept"/>), with its purity@10 and @20; null for a dead latent.
    /// </summary>
    public LatentOwnConcept? OwnConcept(int latent)
    {
        int best = -1;
        double bestPurity = double.NegativeInfinity;
        for (int c = 0; c < Concepts.Count; c++)
        {
            if (At20[latent, c] > bestPurity)
            {
                best = c;
                bestPurity = At20[latent, c];
            }
        }
        return best < 0 ? null : new LatentOwnConcept(Concepts[best], At10[latent, best], bestPurity);
    }
}

/// <summary>The concept a latent is purest for, by item purity.</summary>
/// <param name="Concept">Its name.</param>
/// <param name="PurityAt10">The latent's purity@10 for it.</param>
/// <param name="PurityAt20">The latent's purity@20 for it.</param>
public sealed record LatentOwnConcept(string Concept, double PurityAt10, double PurityAt20);

/// <summary>One latent as a candidate for a concept's edit: its item purity for the concept and its activation where the edit happens.</summary>
/// <param name="Latent">The latent j.</param>
/// <param name="PurityAt10">purity@10 of j for the concept (NaN: j is dead on items).</param>
/// <param name="PurityAt20">purity@20 of j for the concept.</param>
/// <param name="Scale">j's activation over the edited vectors (the audience's users, or all items for an item edit).</param>
public sealed record LatentCandidate(int Latent, double PurityAt10, double PurityAt20, NeuronScale Scale);

/// <summary>
/// Which latent a concept's intervention edits (SPEC §5 "Where the edit happens", deviation D14). An item-side edit
/// (promotion) takes the concept's best latent by item purity@20, as every concept table does. A user-side edit
/// (suppression, nudging) writes into USER codes, and in an NCF the user and item halves are different spaces, so the
/// item-purity pick can be silent on every user: it takes the purest latent (purity@20, ties to the lower index) among
/// those active on the audience (median activation over the audience &gt; 0). No active latent: no edit, the grid is
/// skipped with <see cref="Skip"/>.
/// </summary>
/// <param name="Concept">The concept's name.</param>
/// <param name="Side">Which codes are edited.</param>
/// <param name="ItemPurityPick">The concept's best latent by item purity@20 (the concept table's neuron); -1 if every latent is dead.</param>
/// <param name="Latent">The latent edited; -1 when none qualifies.</param>
/// <param name="Latents">Every latent of the SAE as a candidate, in latent order.</param>
/// <param name="OwnConcept">What the edited latent is purest for by purity@20, ties to the lower concept index (null if none is edited or it is dead); tables and claim 9 name it only where it is strictly purer than <paramref name="Concept"/>.</param>
public sealed record LatentChoice(string Concept, EditSide Side, int ItemPurityPick, int Latent, IReadOnlyList<LatentCandidate> Latents, LatentOwnConcept? OwnConcept)
{
    /// <summary>The edited latent's candidate row; null when the grid is skipped.</summary>
    public LatentCandidate? Chosen => Latent >= 0 ? Latents[Latent] : null;

    /// <summary>The item-purity pick's candidate row; null if every latent is dead.</summary>
    public LatentCandidate? Pick => ItemPurityPick >= 0 ? Latents[ItemPurityPick] : null;

    /// <summary>The latents active on the edited vectors (median &gt; 0), in latent order.</summary>
    public IReadOnlyList<LatentCandidate> Active => [.. Latents.Where(l => l.Scale.IsActive)];

    /// <summary>The control's latents: those active on the audience other than the edited one (<see cref="LatentControl"/>).</summary>
    public IReadOnlyList<LatentCandidate> Others => [.. Active.Where(l => l.Latent != Latent)];

    /// <summary>True when a user-side edit could not use the item-purity pick because it is silent on the audience.</summary>
    public bool PickIsSilent => Side == EditSide.Users && Pick is { Scale.IsActive: false };

    /// <summary>Why no latent is edited (the grid is skipped); null when one is.</summary>
    public string? Skip => Latent >= 0 ? null
        : Side == EditSide.Items ? "every latent is dead on the items, so the concept has no latent to write"
        : string.Create(CultureInfo.InvariantCulture,
            $"no latent is active on the audience: none of the {Latents.Count} latents has a median activation > 0 over {(Latents.Count > 0 ? Latents[0].Scale.Over : "it")}{(Pick is null ? "" : $" (the item-purity pick, latent {Pick.Latent}, has median {NumberText.Significant(Pick.Scale.Median)})")}");

    /// <summary>The item-side choice: the concept's item-purity pick, its activation measured over <paramref name="scales"/> (all items).</summary>
    public static LatentChoice ForItems(int concept, int itemPurityPick, LatentPurities purities, IReadOnlyList<NeuronScale> scales) =>
        Make(concept, EditSide.Items, itemPurityPick, itemPurityPick, purities, scales);

    /// <summary>
    /// The user-side choice (D14): the purest latent (purity@20 for <paramref name="concept"/>, ties to the lower index)
    /// among those with <see cref="NeuronScale.IsActive"/> over the audience (<paramref name="scales"/>, one per latent); a
    /// latent dead on items has no purity and is never chosen. -1 when none is active.
    /// </summary>
    public static LatentChoice ForUsers(int concept, int itemPurityPick, LatentPurities purities, IReadOnlyList<NeuronScale> scales)
    {
        ArgumentNullException.ThrowIfNull(purities);
        ArgumentNullException.ThrowIfNull(scales);
        int best = -1;
        double bestPurity = double.NegativeInfinity;
        for (int j = 0; j < scales.Count; j++)
        {
            double p = purities.At20[j, concept];
            if (scales[j].IsActive && !double.IsNaN(p) && p > bestPurity) // strict: ties keep the lower index
            {
                best = j;
                bestPurity = p;
            }
        }
        return Make(concept, EditSide.Users, itemPurityPick, best, purities, scales);
    }

    private static LatentChoice Make(int concept, EditSide side, int pick, int latent, LatentPurities purities, IReadOnlyList<NeuronScale> scales)
    {
        ArgumentNullException.ThrowIfNull(purities);
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Count != purities.Latents)
        {
            throw new ArgumentException($"{scales.Count} scales for {purities.Latents} latents.", nameof(scales));
        }
        var candidates = scales.Select((s, j) => new LatentCandidate(j, purities.At10[j, concept], purities.At20[j, concept], s)).ToArray();
        return new LatentChoice(purities.Concepts[concept], side, pick, latent, candidates, latent >= 0 ? purities.OwnConcept(latent) : null);
    }
}
