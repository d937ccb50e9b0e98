using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;

namespace Repro.Experiments;

/// <summary>
/// A Matryoshka SAE's band summary (SPEC §5 "Matryoshka hierarchy") beside its control: a plain SAE of the same width
/// and budget cut into the same bands, whose neurons have no order, so its band differences are what chance gives.
/// </summary>
/// <param name="Setting">The cell.</param>
/// <param name="Sae">The Matryoshka SAE's settings.</param>
/// <param name="Result">The Matryoshka SAE's bands.</param>
/// <param name="Prefixes">The nested prefix sizes.</param>
public sealed record HierarchyResult(PaperSetting Setting, SaeSettings Sae, MatryoshkaResult Result, IReadOnlyList<int> Prefixes)
{
    /// <summary>The control's settings: <see cref="Sae"/> as a plain SAE (same width, weights and steps).</summary>
    public SaeSettings? ControlSae { get; init; }

    /// <summary>The control's bands (same cuts as the prefixes), or null where none was trained.</summary>
    public MatryoshkaResult? Control { get; init; }

    /// <summary>The seed the SAEs were trained with.</summary>
    public ulong Seed { get; init; }

    /// <summary>The fingerprint of the data files (<see cref="RecDataset.Fingerprint"/>).</summary>
    public string DataFingerprint { get; init; } = "";
}

/// <summary>Trains the Matryoshka variant on a cell's recommender and measures its bands, beside a plain control.</summary>
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

    /// <summary>The control of <see cref="SettingsFor"/>: the same settings (width, loss weights, steps) as a plain SAE.</summary>
    public static SaeSettings ControlSettingsFor(PaperSetting setting)
    {
        var matryoshka = SettingsFor(setting);
        return matryoshka with { Variant = SaeVariant.Plain, Name = matryoshka.Name + " control (plain)" };
    }

    /// <summary>
    /// Measures the bands of <paramref name="sae"/> (trained with <see cref="SettingsFor"/> of <paramref name="setting"/>)
    /// on <paramref name="model"/>'s items, and the same bands of <paramref name="control"/> (trained with
    /// <see cref="ControlSettingsFor"/>) when given.
    /// </summary>
    public static HierarchyResult Run(PaperSetting setting, RecDataset data, ITwoTower model, MatryoshkaSparseAutoencoder sae, ISparseAutoencoder? control = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        var settings = SettingsFor(setting);
        double[] fvu;
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor x = cat([model.UserVectors, model.ItemVectors]);
            Tensor z = sae.Encode(x);
            fvu = sae.Prefixes.Select(p => SaeHealth.Fvu(x, sae.DecodePrefix(z, x, p))).ToArray();
        }
        var result = Bands(data, SaeActivations.Items(sae, model), fvu);
        return new HierarchyResult(setting, settings, result, sae.Prefixes)
        {
            ControlSae = control is null ? null : ControlSettingsFor(setting),
            Control = control is null ? null : Bands(data, SaeActivations.Items(control, model), null),
            Seed = seed,
            DataFingerprint = data.Fingerprint,
        };
    }

    // Specificity (claim 10) is read two ways: over the concept families the purity and intervention tables use (genres;
    // Last.FM's tag families), as the entropy of each neuron's top-K histogram, and over the finest tags (Last.FM's raw
    // tags; ML-1M has only genres) as the base rate of each neuron's best tag, which is what a reader means by specific.
    private static MatryoshkaResult Bands(RecDataset data, float[,] acts, IReadOnlyList<double>? fvu)
    {
        var concepts = data.Table(InterventionExperiment.ConceptKindFor(data));
        var rawTags = data.ConceptTables.FirstOrDefault(t => t.Kind == "tag") ?? concepts;
        return MatryoshkaHierarchy.Compute(acts, data.PopularityRank, concepts, PopularityNeuron.KFor(data), prefixFvu: fvu, rawTags: rawTags);
    }
}
