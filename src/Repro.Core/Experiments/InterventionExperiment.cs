using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Interventions;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>A grid of the intervention plan that was not run, and why (it is reported, never a crash).</summary>
/// <param name="Kind">"suppress", "nudge" or "promote".</param>
/// <param name="Concept">The concept the grid edits.</param>
/// <param name="Audience">Who the grid would have edited.</param>
/// <param name="Reason">Why it was not run.</param>
public sealed record SkippedGrid(string Kind, string Concept, string Audience, string Reason);

/// <summary>Every intervention grid of one cell and seed, each with its latent choice (D14), protocols and control.</summary>
/// <param name="Setting">The cell.</param>
/// <param name="ConceptKind">The concept table the grids use.</param>
/// <param name="Seed">The run's seed (a seed = split, recommenders and SAEs).</param>
/// <param name="Suppressions">The suppression grids that ran.</param>
/// <param name="Nudges">The nudging grids that ran, with their audiences' names.</param>
/// <param name="Promotions">The promotion grids that ran.</param>
/// <param name="Skipped">The grids of the plan that could not run, each with its reason.</param>
public sealed record InterventionResult(
    PaperSetting Setting,
    string ConceptKind,
    ulong Seed,
    IReadOnlyList<SuppressionResult> Suppressions,
    IReadOnlyList<(string Audience, NudgingResult Result)> Nudges,
    IReadOnlyList<PromotionResult> Promotions,
    IReadOnlyList<SkippedGrid> Skipped);

/// <summary>
/// SPEC §6 on one cell: suppression, nudging and item promotion. Each grid edits the latent of <see cref="LatentChoice"/>
/// (user side: the purest latent active on the audience; item side: the item-purity pick), runs under every protocol of
/// <see cref="InterventionProtocols.For"/> with its no-edit baseline, and a user-side grid also runs its
/// <see cref="InterventionControl"/>. A grid that cannot run (too few SAE-test users, an empty audience, no active latent)
/// is a <see cref="SkippedGrid"/> with its reason; the other grids still run.
/// </summary>
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
    /// Runs every grid of the dataset's intervention plan on <paramref name="model"/> edited through <paramref name="sae"/>;
    /// <paramref name="concepts"/> (that SAE's concept report) names each concept's item-purity pick; the run's
    /// <paramref name="seed"/> draws the promotion's side-effect sample, so another seed draws another sample.
    /// </summary>
    public static InterventionResult Run(PaperSetting setting, RecDataset data, Split split, ITwoTower model, ISparseAutoencoder sae, ConceptReport concepts, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(concepts);
        string kind = ConceptKindFor(data);
        ConceptTable table = data.Table(kind);
        ConceptPurityResult purity = concepts.PurityOf(kind);
        var iv = new LatentIntervention(model, sae);
        var purities = LatentPurities.Of(SaeActivations.Items(sae, model), table);
        var protocols = InterventionProtocols.For(model.Kind);
        int Concept(string name) => table.IndexOf(name) is int c and >= 0 ? c
            : throw new KeyNotFoundException($"{setting.Dataset} has no {kind} '{name}' (has: {string.Join(", ", table.Names)}).");
        int Pick(int concept) => purity.Rows.Single(r => r.Concept == concept).BestNeuron;
        LatentChoice UserChoice(int concept, int[] audience) =>
            LatentChoice.ForUsers(concept, Pick(concept), purities, NeuronScale.MeasureAll(iv, model.UserVectors, audience, $"the {audience.Length} audience users"));

        var plan = data.Profile.Plan ?? InterventionPlan.FromTable(table);
        string[] suppress = [.. plan.Suppress, .. plan.SuppressPurerThan is double pure ? purity.Rows.Where(r => r.PurityAt20 >= pure).Select(r => r.Name) : []];
        int audienceSize = data.Profile.AudienceSize;
        int testUsers = split.SaeTestUsers.Length;
        // A top-share audience is the paper's 20 users; a split with fewer SAE-test users (a folder under 100 users) cannot make one.
        string? tooFew = testUsers >= audienceSize ? null
            : string.Create(CultureInfo.InvariantCulture, $"an audience is the {audienceSize} strongest fans among the SAE-test users, and this split has {testUsers} SAE-test users (20 % of {data.UserCount}); at least {(int)Math.Ceiling(audienceSize / 0.2)} users are needed");
        var skipped = new List<SkippedGrid>();
        var suppressionSettings = SuppressionSettings.Paper with { AudienceSize = audienceSize };
        var promotionSettings = PromotionSettings.Paper with { AudienceSize = audienceSize, Seed = seed };

        var suppressions = new List<SuppressionResult>();
        foreach (int c in suppress.Select(Concept).Distinct())
        {
            string who = $"the {audienceSize} strongest {table.Names[c]} fans";
            if (tooFew is not null)
            {
                skipped.Add(new("suppress", table.Names[c], who, tooFew));
                continue;
            }
            int[] audience = InterventionAudience.TopShare(data, split.SaeTestUsers, table, c, audienceSize);
            var choice = UserChoice(c, audience);
            if (choice.Skip is string none)
            {
                skipped.Add(new("suppress", table.Names[c], who, none));
                continue;
            }
            var s = Suppression.Run(iv, audience, table, c, choice.Latent, protocols, suppressionSettings);
            var control = LatentControl.Run(iv, audience, table, c, choice, suppressionSettings.Values.Min(), s.Target.Orig, lowers: true, suppressionSettings.TopN);
            suppressions.Add(s with { Choice = choice, Control = control });
        }

        var nudges = new List<(string, NudgingResult)>();
        foreach (var (audienceName, source, target) in plan.Nudge)
        {
            int t = Concept(target);
            string? why = source is null ? NoYoungUsers(data, split) : tooFew;
            if (why is not null)
            {
                skipped.Add(new("nudge", target, audienceName, why));
                continue;
            }
            int[] audience = source is null
                ? InterventionAudience.YoungUsers(data, split.SaeTestUsers)
                : InterventionAudience.TopShare(data, split.SaeTestUsers, table, Concept(source), audienceSize);
            var choice = UserChoice(t, audience);
            if (choice.Skip is string none)
            {
                skipped.Add(new("nudge", target, audienceName, none));
                continue;
            }
            var settings = NudgingSettings.Paper;
            var n = Nudging.Run(iv, audience, table, t, choice.Latent, settings, protocols);
            var control = LatentControl.Run(iv, audience, table, t, choice, settings.Values.Max(), n.Target.Orig, lowers: false, settings.TopN);
            nudges.Add((audienceName, n with { Choice = choice, Control = control }));
        }

        var promotions = new List<PromotionResult>();
        var itemScales = NeuronScale.MeasureAll(iv, model.ItemVectors, [.. Enumerable.Range(0, data.ItemCount)], "all items");
        foreach (var (concept, givenExternal) in plan.Promote)
        {
            int c = Concept(concept);
            string who = $"the {audienceSize} strongest {concept} fans";
            if (tooFew is not null)
            {
                skipped.Add(new("promote", concept, who, tooFew));
                continue;
            }
            var choice = LatentChoice.ForItems(c, Pick(c), purities, itemScales);
            if (choice.Skip is string none)
            {
                skipped.Add(new("promote", concept, who, none));
                continue;
            }
            int[]? given = givenExternal is int ext && ItemPromotion.ItemByExternalId(data, ext) is int g and >= 0 ? [g] : null;
            var p = ItemPromotion.Run(iv, data, split, table, c, choice.Latent, given, promotionSettings, protocols);
            promotions.Add(p with { Choice = choice });
        }
        return new InterventionResult(setting, kind, seed, suppressions, nudges, promotions, skipped);
    }

    // Why the young-users audience is empty: no ages at all, or none of the young users is an SAE-test user (the audience
    // is drawn from those, as every audience is); null when there is one.
    private static string? NoYoungUsers(RecDataset data, Split split)
    {
        if (data.UserAgeCodes is not int[] ages)
        {
            return "the dataset gives no ages (no users.dat)";
        }
        if (InterventionAudience.YoungUsers(data, split.SaeTestUsers).Length > 0)
        {
            return null;
        }
        int young = ages.Count(a => a == 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"no young user (age code 1) is among the {split.SaeTestUsers.Length} SAE-test users, from which every audience is drawn ({young} young user{(young == 1 ? "" : "s")} in the dataset, all used to train the SAE)");
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
