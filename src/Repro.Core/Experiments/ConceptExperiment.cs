using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>The concept analyses of one paper-setting SAE and its neuron cards.</summary>
/// <param name="Setting">The cell.</param>
/// <param name="Report">Purity, popularity, era and MS of the cell's paper-setting SAE.</param>
/// <param name="NeuronCards">Every neuron's best concept and top items.</param>
/// <param name="ItemActivations">[items, neurons] the SAE's item activations.</param>
public sealed record ConceptResult(PaperSetting Setting, ConceptReport Report, NeuronCardsResult NeuronCards, float[,] ItemActivations)
{
    /// <summary>The seed the recommender and the SAE were trained with.</summary>
    public ulong Seed { get; init; }
}

/// <summary>SPEC §5 "Purity" onward: purity, popularity, era and MS of a cell's paper-setting SAE.</summary>
public static class ConceptExperiment
{
    /// <summary>Runs every concept analysis on <paramref name="sae"/>'s codes of <paramref name="model"/>'s items.</summary>
    public static ConceptResult Run(PaperSetting setting, RecDataset data, ITwoTower model, ISparseAutoencoder sae)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        float[,] acts = SaeActivations.Items(sae, model);
        var report = ConceptReport.Compute(setting.Label, acts, data, SaeActivations.Matrix(model.ItemVectors));
        var cards = NeuronCards.Compute(setting.Label, acts, data);
        return new ConceptResult(setting, report, cards, acts);
    }
}
