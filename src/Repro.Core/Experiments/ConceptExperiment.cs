using Repro.Analysis;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>The concept analyses of one paper-setting SAE and its neuron cards.</summary>
public sealed record ConceptResult(PaperSetting Setting, ConceptReport Report, string NeuronCards, float[,] ItemActivations);

/// <summary>SPEC §5 "Purity" onward: purity, popularity, era and MS of a cell's paper-setting SAE.</summary>
public static class ConceptExperiment
{
    /// <summary>Concepts with fewer carriers than this are computed but left out of printed tag tables (Last.FM has 1,284 tags).</summary>
    public const int MinItemsForPrintedTag = 25;

    /// <summary>Runs every concept analysis on the cell's paper-setting SAE.</summary>
    public static ConceptResult Run(ReproductionSession session, PaperSetting setting)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(setting);
        var data = session.Data(setting.Dataset);
        var model = session.Model(setting);
        float[,] acts = SaeActivations.Items(session.PaperSae(setting), model);
        var report = ConceptReport.Compute(setting.Label, acts, data, SaeActivations.Matrix(model.ItemVectors));
        string cards = NeuronCards.ToMarkdown(setting.Label, acts, data);
        session.Progress.Info($"concepts: {setting.Label} done");
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
