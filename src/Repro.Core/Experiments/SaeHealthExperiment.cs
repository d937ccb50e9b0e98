using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>Health and fidelity of one paper-setting SAE.</summary>
public sealed record SaeHealthRow(PaperSetting Setting, SaeHealthReport Health, FidelityResult Fidelity, IReadOnlyList<string> Violations);

/// <summary>SPEC §5 "SAE health" and "Fidelity" for every paper cell at its preset.</summary>
public sealed record SaeHealthResult(IReadOnlyList<SaeHealthRow> Rows);

/// <summary>Measures one SAE of a cell: health over all users and items, fidelity on the SAE-test users, and the checks.</summary>
public static class SaeHealthExperiment
{
    /// <summary>The row of <paramref name="sae"/>, trained with <paramref name="setting"/>'s SAE settings on <paramref name="model"/>.</summary>
    public static SaeHealthRow Measure(PaperSetting setting, ITwoTower model, ISparseAutoencoder sae, Split split)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        var health = SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors);
        return new SaeHealthRow(setting, health, Fidelity.Measure(model, sae, split), SaeHealthChecks.Violations(health));
    }
}
