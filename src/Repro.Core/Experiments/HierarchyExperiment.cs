using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;

namespace Repro.Experiments;

/// <summary>A Matryoshka SAE's band summary (SPEC §5 "Matryoshka hierarchy").</summary>
public sealed record HierarchyResult(PaperSetting Setting, SaeSettings Sae, MatryoshkaResult Result, IReadOnlyList<int> Prefixes);

/// <summary>Trains the Matryoshka variant on a cell's recommender and measures its bands.</summary>
public static class HierarchyExperiment
{
    /// <summary>
    /// The Matryoshka settings of a cell: the paper's m = 80 preset where the cell trains with the Last.FM MF preset
    /// (Last.FM, or a user's folder with the lastfm presets), else the cell's preset with nested prefixes.
    /// </summary>
    public static SaeSettings SettingsFor(PaperSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Presets == PresetFamily.LastFm && setting.Model == RecommenderKind.MF
            ? SaeSettings.LastFmMfMatryoshka
            : setting.Sae with { Variant = SaeVariant.Matryoshka, Name = setting.Sae.Name + " Matryoshka" };
    }

    /// <summary>Measures the bands of <paramref name="sae"/> (trained with <see cref="SettingsFor"/> of <paramref name="setting"/>) on <paramref name="model"/>'s items.</summary>
    public static HierarchyResult Run(PaperSetting setting, RecDataset data, ITwoTower model, MatryoshkaSparseAutoencoder sae)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        var settings = SettingsFor(setting);
        float[,] acts = SaeActivations.Items(sae, model);
        double[] fvu;
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor x = cat([model.UserVectors, model.ItemVectors]);
            Tensor z = sae.Encode(x);
            fvu = sae.Prefixes.Select(p => SaeHealth.Fvu(x, sae.DecodePrefix(z, x, p))).ToArray();
        }
        // Specificity (claim 10) is read over the concept families the purity and intervention tables use (genres;
        // Last.FM's tag families), not over raw tags, whose entropy mixes popularity with specificity.
        var concepts = data.Table(InterventionExperiment.ConceptKindFor(data));
        var result = MatryoshkaHierarchy.Compute(acts, data.PopularityRank, concepts, PopularityNeuron.KFor(data), prefixFvu: fvu);
        return new HierarchyResult(setting, settings, result, sae.Prefixes);
    }
}
