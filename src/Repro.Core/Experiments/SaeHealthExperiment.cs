using Repro.Analysis;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>Health and fidelity of one paper-setting SAE.</summary>
public sealed record SaeHealthRow(PaperSetting Setting, SaeHealthReport Health, FidelityResult Fidelity, IReadOnlyList<string> Violations);

/// <summary>SPEC §5 "SAE health" and "Fidelity" for every paper cell at its preset.</summary>
public sealed record SaeHealthResult(IReadOnlyList<SaeHealthRow> Rows);

/// <summary>Measures the paper-setting SAE of each cell.</summary>
public static class SaeHealthExperiment
{
    /// <summary>Runs the measurements for the given cells.</summary>
    public static SaeHealthResult Run(ReproductionSession session, IEnumerable<PaperSetting> settings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<SaeHealthRow>();
        foreach (var s in settings)
        {
            var model = session.Model(s);
            var sae = session.Sae(s, s.Sae, session.Options.Seed);
            var health = SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors);
            rows.Add(new SaeHealthRow(s, health, Fidelity.Measure(model, sae, session.Split(s.Dataset)), SaeHealthChecks.Violations(health)));
            session.Progress.Info($"SAE health: {s.Label} done");
        }
        return new SaeHealthResult(rows);
    }
}
