using Repro.Analysis;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>The concept analyses of one paper-setting SAE and its neuron cards.</summary>
/// <param name="Setting">The cell.</param>
/// <param name="Report">Purity, popularity, era and MS of the cell's paper-setting SAE.</param>
/// <param name="NeuronCards">Every neuron's best concept and top items.</param>
/// <param name="ItemActivations">[items, neurons] the SAE's item activations.</param>
public sealed record ConceptResult(PaperSetting Setting, ConceptReport Report, NeuronCardsResult NeuronCards, float[,] ItemActivations);

/// <summary>SPEC §5 "Purity" onward: purity, popularity, era and MS of a cell's paper-setting SAE.</summary>
public static class ConceptExperiment
{
    /// <summary>Runs every concept analysis on the cell's paper-setting SAE.</summary>
    public static ConceptResult Run(ReproductionSession session, PaperSetting setting)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(setting);
        var data = session.Data(setting.Dataset);
        var model = session.Model(setting);
        float[,] acts = SaeActivations.Items(session.PaperSae(setting), model);
        var report = ConceptReport.Compute(setting.Label, acts, data, SaeActivations.Matrix(model.ItemVectors));
        var cards = NeuronCards.Compute(setting.Label, acts, data);
        session.Progress.Info($"concepts: {setting.Label} done");
        return new ConceptResult(setting, report, cards, acts);
    }
}
