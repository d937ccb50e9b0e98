using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>The concept analyses of one paper-setting SAE and its neuron cards.</summary>
public sealed record ConceptResult(PaperSetting Setting, ConceptReport Report, string NeuronCards, float[,] ItemActivations);

/// <summary>SPEC §5 "Purity" onward: purity, popularity, era and MS of a cell's paper-setting SAE.</summary>
public static class ConceptExperiment
{
    /// <summary>Concepts with fewer carriers than this are computed but left out of printed tag tables (Last.FM has 1,284 tags).</summary>
    public const int MinItemsForPrintedTag = 25;

    /// <summary>Runs every concept analysis on <paramref name="sae"/>'s codes of <paramref name="model"/>'s items.</summary>
    public static ConceptResult Run(PaperSetting setting, RecDataset data, ITwoTower model, ISparseAutoencoder sae)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        float[,] acts = SaeActivations.Items(sae, model);
        var report = ConceptReport.Compute(setting.Label, acts, data, SaeActivations.Matrix(model.ItemVectors));
        string cards = NeuronCards.ToMarkdown(setting.Label, acts, data);
        return new ConceptResult(setting, report, cards, acts);
    }

    /// <summary>
    /// The report as printed: every table in full, except tag tables, which keep tags carried by at least
    /// <see cref="MinItemsForPrintedTag"/> items (the rest are still used for best-neuron choices).
    /// </summary>
    public static string ToMarkdown(ConceptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var data = result.Report;
        var purity = data.Purity.Select(p => p.ConceptKind != "tag" ? p
            : p with { Rows = p.Rows.Where(r => r.BaseRate * result.ItemActivations.GetLength(0) >= MinItemsForPrintedTag - 1e-9).ToArray() }).ToArray();
        return (data with { Purity = purity }).ToMarkdown();
    }
}
