using Repro.Data;

namespace Repro.Analysis;

/// <summary>Every concept analysis of one SAE's item activations on one dataset.</summary>
/// <param name="Model">Model label ("ML-1M MF", ...).</param>
/// <param name="Purity">Purity per concept table of the dataset (genres, tags, tag families, decades), in table order.</param>
/// <param name="Popularity">The popularity neuron with the dataset's paper K.</param>
/// <param name="Era">Era neurons, if the dataset has a "decade" table.</param>
/// <param name="Monosemanticity">MS, if the recommender's original item embeddings were given.</param>
/// <param name="DataFingerprint">The dataset's fingerprint, printed in the header.</param>
public sealed record ConceptReport(string Model, IReadOnlyList<ConceptPurityResult> Purity, PopularityNeuronResult Popularity,
    EraNeuronsResult? Era, MonosemanticityResult? Monosemanticity, string DataFingerprint)
{
    /// <summary>Runs purity, popularity, era (when decades exist) and MS (when embeddings are given) in one call.</summary>
    /// <param name="model">Model label for the report.</param>
    /// <param name="itemActivations">[items, neurons] SAE activations of the item embeddings.</param>
    /// <param name="dataset">The dataset whose concept tables and popularity are read.</param>
    /// <param name="itemEmbeddings">[items, n] the frozen recommender's original item vectors, or null to skip MS.</param>
    public static ConceptReport Compute(string model, float[,] itemActivations, RecDataset dataset, float[,]? itemEmbeddings = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var purity = dataset.ConceptTables.Select(t => ConceptPurity.Compute(itemActivations, t)).ToArray();
        var decades = dataset.ConceptTables.FirstOrDefault(t => t.Kind == "decade");
        return new ConceptReport(model, purity, PopularityNeuron.Find(itemActivations, dataset),
            decades is null ? null : EraNeurons.Compute(itemActivations, decades),
            itemEmbeddings is null ? null : MonosemanticityScore.Compute(itemActivations, itemEmbeddings), dataset.Fingerprint);
    }

    /// <summary>The purity of a concept table by kind; throws naming the kinds present.</summary>
    public ConceptPurityResult PurityOf(string kind) =>
        Purity.FirstOrDefault(p => p.ConceptKind == kind)
        ?? throw new KeyNotFoundException($"No '{kind}' purity (has: {string.Join(", ", Purity.Select(p => p.ConceptKind))}).");
}
