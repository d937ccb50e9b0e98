using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Presentation;
using Repro.Testing;
using Repro.Data;

namespace Repro.Paper.Tests.Experiments;

/// <summary>The SAEs at the paper settings: sparsity, dead latents, reconstruction and fidelity (SPEC §4–§5).</summary>
public sealed class SaeTests : PaperFixture
{
    /// <summary>The health and fidelity table matches the approved one.</summary>
    [Test]
    public void Health_and_fidelity_table_is_approved() => Approvals.Verify(Results.SaeHealth().ToMarkdown());

    /// <summary>
    /// For every paper setting: dead latents at most 20 % of m, L0 between 1 and m/2 for users and items, FVU finite
    /// and below a zero code's (SaeHealthChecks states each bound).
    /// </summary>
    [Test]
    public void Every_paper_SAE_is_sparse_alive_and_reconstructs()
    {
        var failures = Results.SaeHealth().Rows.SelectMany(r => r.Violations.Select(v => r.Setting.Label + ": " + v)).ToList();
        failures.Should().BeEmpty();
    }

    /// <summary>Reconstructed embeddings keep the recommendations: RBO above the chance level of two random top-30 lists.</summary>
    [Test]
    public void Reconstructions_keep_recommendations_better_than_chance()
    {
        // Two random top-30 lists of ~3k items share ~0.3 items: truncated RBO ≈ 0.003. 0.1 is far above it.
        foreach (var r in Results.SaeHealth().Rows)
        {
            r.Fidelity.Rbo.Should().BeGreaterThan(0.1, r.Setting.Label);
        }
    }
}

/// <summary>The λ_pred ablation (SPEC §4, claim 4 and 5): fidelity and monosemanticity against λ_pred.</summary>
public sealed class PredictionWeightAblationTests : PaperFixture
{
    /// <summary>ML-1M, MF and NCF: the approved ablation table.</summary>
    [Test]
    public void Ml1m_ablation_is_approved() => Verify(DatasetName.Ml1m);

    /// <summary>Last.FM, MF and NCF: the approved ablation table.</summary>
    [Test]
    public void LastFm_ablation_is_approved() => Verify(DatasetName.LastFm);

    /// <summary>
    /// Every SAE of the ablation is alive and reconstructs: dead rate ≤ 20 %, L0 ≥ 1 for users and items, FVU below a
    /// zero code's. The upper L0 bound (m/2) is a health check of the paper settings only: at other λ_pred the density
    /// is the measured result (ML-1M MF at λ_pred = 2 reaches L0 11.3 of 22), shown in the table, not a defect.
    /// </summary>
    [Test]
    public void Every_ablation_SAE_is_alive_and_reconstructs()
    {
        var failures = new List<string>();
        foreach (var cell in Results.Cells)
        {
            foreach (var row in Results.Ablation(cell).Rows)
            {
                var h = row.Health;
                string at = $"{cell.Label} λ_pred={row.PredictionWeight}";
                if (h.DeadLatents > Repro.SparseAutoencoders.SaeHealthChecks.MaxDeadRate * h.Latents)
                {
                    failures.Add($"{at}: {h.DeadLatents} of {h.Latents} latents dead");
                }
                if (!(h.L0Users >= 1 && h.L0Items >= 1))
                {
                    failures.Add($"{at}: L0 users/items {h.L0Users}/{h.L0Items} below 1");
                }
                if (!(h.Fvu < h.ZeroCodeFvu))
                {
                    failures.Add($"{at}: FVU {h.Fvu} not below the zero code's {h.ZeroCodeFvu}");
                }
            }
        }
        failures.Should().BeEmpty();
    }

    private static void Verify(DatasetName dataset) => Approvals.Verify(
        $"# λ_pred ablation: {dataset}\n\n" + (dataset == DatasetName.LastFm ? DeviationsTable.LastFmNote + ".\n\n" : "") + string.Join("\n", PaperSetting.Models.Select(m => Results.Ablation(Cell(dataset, m)).ToMarkdown())));
}

/// <summary>KL sparsity against the Top-K baseline at matched L0 (claim 6); the ledger repeats it over its seeds (PaperResults.LedgerSeedCount).</summary>
public sealed class KlVersusTopKTests : PaperFixture
{
    /// <summary>The approved comparison table.</summary>
    [Test]
    public void Kl_versus_topk_table_is_approved() => Approvals.Verify(
        "# KL versus Top-K at matched L0\n\n" + string.Join("\n", Results.KlTopKComparisons.Select(c => Results.KlVersusTopK(c.Cell, c.Width).ToMarkdown())));

    /// <summary>
    /// Every KL SAE of the comparison passes the health checks; every Top-K SAE keeps L0 ≤ k and reconstructs better
    /// than a zero code (its dead rate is claim 6's measurement, so it is reported, not asserted).
    /// </summary>
    [Test]
    public void Kl_and_topk_SAEs_are_healthy()
    {
        foreach (var row in Results.KlTopKComparisons.SelectMany(c => Results.KlVersusTopK(c.Cell, c.Width).Rows))
        {
            Repro.SparseAutoencoders.SaeHealthChecks.Violations(row.KlHealth).Should().BeEmpty($"KL seed {row.Seed}");
            row.TopKHealth.Fvu.Should().BeLessThan(row.TopKHealth.ZeroCodeFvu, $"Top-K seed {row.Seed}");
        }
    }

    /// <summary>
    /// Top-K runs at the KL model's sparsity, as claim 6 needs: k is the KL model's L0 rounded, and the Top-K SAE's own
    /// L0 is within the claim's tolerance of the KL model's (L0 ≤ k holds by construction; a Top-K code whose latents
    /// mostly go silent under the ReLU would not be at matched L0, and this fails).
    /// </summary>
    [Test]
    public void Topk_runs_at_the_kl_models_sparsity()
    {
        foreach (var row in Results.KlTopKComparisons.SelectMany(c => Results.KlVersusTopK(c.Cell, c.Width).Rows))
        {
            row.K.Should().Be(Math.Clamp((int)Math.Round(row.KlHealth.L0, MidpointRounding.AwayFromZero), 1, row.KlHealth.Latents), $"seed {row.Seed}: k is the KL model's L0");
            Math.Abs(row.TopKHealth.L0 - row.KlHealth.L0).Should().BeLessThanOrEqualTo(
                Repro.Claims.FewerDeadLatentsClaim.L0RelativeTolerance * row.TopKHealth.L0,
                $"seed {row.Seed}: Top-K L0 {row.TopKHealth.L0} against KL L0 {row.KlHealth.L0}");
        }
    }
}
