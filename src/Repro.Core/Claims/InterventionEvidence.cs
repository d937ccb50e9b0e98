using System.Globalization;
using Repro.Experiments;
using Repro.Interventions;

namespace Repro.Claims;

/// <summary>
/// How claims 7–9 read a cell's intervention grids as <see cref="InterventionSweep"/>s ("edit only", the protocol the claims
/// are ruled on): by concept, never by position; a grid the plan skipped becomes a series that says why (a tie); a grid
/// that is neither run nor skipped is a missing series (<see cref="LedgerEvidence.Named"/> names what there is).
/// </summary>
public static class InterventionEvidence
{
    /// <summary>The suppression of <paramref name="concept"/>, with its control.</summary>
    public static InterventionSweep Suppression(InterventionResult result, string concept, string label)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Skipped(result, "suppress", concept) is SkippedGrid skipped && result.Suppressions.All(s => s.Target.Concept != concept))
        {
            return InterventionSweep.NotRun(label, skipped.Reason);
        }
        var s = LedgerEvidence.Named(result.Suppressions, x => x.Target.Concept, concept, "suppression of");
        return new InterventionSweep(Labelled(label, s.Target.Latent, s.Choice), s.Target.Orig, s.Grid, s.Target.Values)
        {
            ControlEffects = ControlEffects(s.Control),
            Latent = s.Choice,
        };
    }

    /// <summary>The nudge toward <paramref name="concept"/>, with its control.</summary>
    public static InterventionSweep Nudge(InterventionResult result, string concept, string label)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Skipped(result, "nudge", concept) is SkippedGrid skipped && result.Nudges.All(n => n.Result.Target.Concept != concept))
        {
            return InterventionSweep.NotRun(label, skipped.Reason);
        }
        var n = LedgerEvidence.Named(result.Nudges, x => x.Result.Target.Concept, concept, "nudge toward").Result;
        return new InterventionSweep(Labelled(label, n.Target.Latent, n.Choice), n.Target.Orig, n.Grid, n.Target.Values)
        {
            ControlEffects = ControlEffects(n.Control),
            Latent = n.Choice,
        };
    }

    /// <summary>
    /// The exposure of each item of the promotion to <paramref name="concept"/> fans from <paramref name="sources"/> (in that
    /// order), each with the concept latent's purity; an item the rule found none for is a series that says so.
    /// </summary>
    public static IReadOnlyList<InterventionSweep> Promotion(InterventionResult result, string concept, string label, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(sources);
        if (Skipped(result, "promote", concept) is SkippedGrid skipped && result.Promotions.All(p => p.Concept != concept))
        {
            return [.. sources.Select(s => InterventionSweep.NotRun($"{label} ({s} item)", skipped.Reason))];
        }
        var promotion = LedgerEvidence.Named(result.Promotions, p => p.Concept, concept, "promotion to");
        return [.. sources.Select(source =>
        {
            if (source == ItemPromotion.RuleSource && promotion.Items.All(i => i.Source != source))
            {
                return InterventionSweep.NotRun($"{label} (rule item)", "no item qualifies for the rule (off-concept, unseen by the audience, outside every member's top 20 at v = 0)");
            }
            var item = LedgerEvidence.Named(promotion.Items, i => i.Source, source, "promoted item from");
            return new InterventionSweep($"{label}, '{item.Label}' ({source})", item.Exposure.Orig, promotion.Grid, item.Exposure.Values) { Latent = promotion.Choice };
        })];
    }

    // The control's other latents' effects; a grid without a control (hand-made results) has an undefined one.
    private static IReadOnlyList<double> ControlEffects(InterventionControl? control) => control is null ? [] : [.. control.Others.Select(o => o.Effect)];

    private static SkippedGrid? Skipped(InterventionResult result, string kind, string concept) =>
        result.Skipped.FirstOrDefault(s => s.Kind == kind && s.Concept == concept);

    private static string Labelled(string label, int latent, LatentChoice? choice) =>
        choice is { PickIsSilent: true, Pick: LatentCandidate pick }
            ? string.Create(CultureInfo.InvariantCulture, $"{label} (latent {latent}; the item-purity pick {pick.Latent} is silent on the audience)")
            : string.Create(CultureInfo.InvariantCulture, $"{label} (latent {latent})");
}
