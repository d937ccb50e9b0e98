using Repro.Analysis;
using Repro.Data;
using Repro.Interventions;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>Every intervention grid of one cell, with the neurons the purity rule picked.</summary>
public sealed record InterventionResult(
    PaperSetting Setting,
    string ConceptKind,
    IReadOnlyList<SuppressionResult> Suppressions,
    IReadOnlyList<(string Audience, NudgingResult Result)> Nudges,
    IReadOnlyList<PromotionResult> Promotions,
    IReadOnlyList<NeuronScale> SuppressionScales,
    IReadOnlyList<NeuronScale> NudgeScales,
    IReadOnlyList<NeuronScale> PromotionScales);

/// <summary>SPEC §6 on one cell: suppression, nudging and item promotion with neurons from the purity rule.</summary>
public static class InterventionExperiment
{
    /// <summary>Genres with a neuron this pure (purity@20) are suppressed too, beside the paper's examples.</summary>
    public const double SuppressionPurity = 0.8;

    /// <summary>The paper's "Alice in Wonderland" (ML-1M MovieID 1032), promoted to Romance fans.</summary>
    public const int AliceMovieId = 1032;

    /// <summary>The concept table a dataset's interventions use (its profile's, else its primary table).</summary>
    public static string ConceptKindFor(RecDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Profile.InterventionConcepts ?? data.Concepts.Kind;
    }

    /// <summary>
    /// Runs every grid of the dataset's intervention plan on <paramref name="model"/> edited through <paramref name="sae"/>,
    /// each concept's neuron picked by purity@20 from <paramref name="concepts"/> (that SAE's concept report); the run's
    /// <paramref name="seed"/> draws the promotion's side-effect sample, so another seed draws another sample.
    /// </summary>
    public static InterventionResult Run(PaperSetting setting, RecDataset data, Split split, ITwoTower model, ISparseAutoencoder sae, ConceptReport concepts, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(concepts);
        string kind = ConceptKindFor(data);
        ConceptTable table = data.Table(kind);
        ConceptPurityResult purity = concepts.PurityOf(kind);
        var iv = new LatentIntervention(model, sae);
        int Concept(string name) => table.IndexOf(name) is int c and >= 0 ? c
            : throw new KeyNotFoundException($"{setting.Dataset} has no {kind} '{name}' (has: {string.Join(", ", table.Names)}).");
        int Neuron(int concept) => purity.Rows.Single(r => r.Concept == concept).BestNeuron;

        var plan = data.Profile.Plan ?? InterventionPlan.FromTable(table);
        string[] suppress = [.. plan.Suppress, .. plan.SuppressPurerThan is double pure ? purity.Rows.Where(r => r.PurityAt20 >= pure).Select(r => r.Name) : []];
        int audienceSize = data.Profile.AudienceSize;
        var suppressionSettings = SuppressionSettings.Paper with { AudienceSize = audienceSize };
        var promotionSettings = PromotionSettings.Paper with { AudienceSize = audienceSize, Seed = seed };
        var suppressions = suppress.Select(Concept).Distinct()
            .Select(c => Suppression.Run(iv, data, split, table, c, Neuron(c), suppressionSettings)).ToList();
        var nudges = new List<(string, NudgingResult)>();
        foreach (var (audienceName, source, target) in plan.Nudge)
        {
            int t = Concept(target);
            int[] audience = source is null
                ? InterventionAudience.YoungUsers(data, split.SaeTestUsers)
                : InterventionAudience.TopShare(data, split.SaeTestUsers, table, Concept(source), audienceSize);
            nudges.Add((audienceName, Nudging.Run(iv, audience, table, t, Neuron(t))));
        }
        var promotions = new List<PromotionResult>();
        foreach (var (concept, givenExternal) in plan.Promote)
        {
            int c = Concept(concept);
            int[]? given = givenExternal is int ext ? [ItemPromotion.ItemByExternalId(data, ext)] : null;
            promotions.Add(ItemPromotion.Run(iv, data, split, table, c, Neuron(c), given, promotionSettings));
        }
        // The edited neuron's usual size beside every grid: users for suppression and nudging, items for promotion.
        var users = iv.Model.UserVectors;
        var items = iv.Model.ItemVectors;
        var suppressionScales = suppressions.Select(s => NeuronScale.Measure(iv, users, s.Audience, s.Target.Latent, $"the {s.Audience.Count} audience users")).ToList();
        var nudgeScales = nudges.Select(n => NeuronScale.Measure(iv, users, n.Item2.Audience, n.Item2.Target.Latent, $"the {n.Item2.Audience.Count} audience users")).ToList();
        var promotionScales = promotions.Select(p => NeuronScale.Measure(iv, items, Enumerable.Range(0, data.ItemCount).ToArray(), p.Items.Count > 0 ? p.Items[0].Exposure.Latent : Neuron(Concept(p.Concept)), "all items")).ToList();
        return new InterventionResult(setting, kind, suppressions, nudges, promotions, suppressionScales, nudgeScales, promotionScales);
    }

    /// <summary>The paper's series for this cell and intervention, if PAPER-NUMBERS.md has one.</summary>
    public static PaperSeries? Paper(PaperSetting setting, string intervention, string concept)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Dataset != DatasetName.Ml1m ? null
            : PaperNumbers.Interventions.FirstOrDefault(p =>
                p.Model == setting.Model
                && p.Intervention == intervention
                && (p.Concept == concept || p.Concept.StartsWith(concept + ":", StringComparison.Ordinal)));
    }
}
