using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>One seed of the comparison: the KL SAE and the Top-K SAE whose k matches its L0.</summary>
public sealed record KlVersusTopKRow(ulong Seed, int K, SaeHealthReport KlHealth, FidelityResult KlFidelity, SaeHealthReport TopKHealth, FidelityResult TopKFidelity);

/// <summary>The per-seed rows of the KL-versus-Top-K comparison.</summary>
public sealed record KlVersusTopKResult(RecommenderKind RecommenderKind, SaeSettings KlSettings, IReadOnlyList<KlVersusTopKRow> Rows);

/// <summary>
/// Claim 6: KL sparsity leaves fewer dead latents than Top-K at matched L0. Per seed, train the KL SAE, set
/// k = round(its L0 over all users and items) (at least 1), train the Top-K SAE with the same reconstruction and
/// prediction weights and no L1/KL penalty (k alone sets its sparsity), and compare.
/// </summary>
public static class KlVersusTopK
{
    /// <summary>The three seeds the comparison uses by default.</summary>
    public static IReadOnlyList<ulong> DefaultSeeds { get; } = [1, 2, 3];

    /// <summary>Runs the comparison over the given seeds (default 1, 2, 3).</summary>
    public static KlVersusTopKResult Run(ITwoTower model, Split split, SaeSettings klSettings, SaeSource source, IReadOnlyList<ulong>? seeds = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(klSettings);
        ArgumentNullException.ThrowIfNull(source);
        var rows = new List<KlVersusTopKRow>();
        foreach (ulong seed in seeds ?? DefaultSeeds)
        {
            var kl = source(klSettings, seed);
            var klHealth = SaeHealth.Measure(kl, model.UserVectors, model.ItemVectors);
            var klFidelity = Fidelity.Measure(model, kl, split);
            int k = Math.Clamp((int)Math.Round(klHealth.L0, MidpointRounding.AwayFromZero), 1, klSettings.Latents);
            var topSettings = klSettings.WithTopK(k);
            var top = source(topSettings, seed);
            rows.Add(new KlVersusTopKRow(seed, k, klHealth, klFidelity, SaeHealth.Measure(top, model.UserVectors, model.ItemVectors), Fidelity.Measure(model, top, split)));
        }
        return new KlVersusTopKResult(model.Kind, klSettings, rows);
    }
}
