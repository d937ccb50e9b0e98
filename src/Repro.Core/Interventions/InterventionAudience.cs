using Repro.Data;

namespace Repro.Interventions;

/// <summary>Who an intervention is applied to (SPEC §6). All audiences are drawn from the SAE's test users.</summary>
public static class InterventionAudience
{
    /// <summary>
    /// The <paramref name="count"/> candidates with the highest share of <paramref name="concept"/> among their
    /// interactions, ties to the lower user index. "Interactions" are all of the user's interactions in the
    /// dataset (training items and hidden positives alike): the paper selects fans from the raw data.
    /// Users without interactions have share 0.
    /// </summary>
    public static int[] TopShare(RecDataset data, IReadOnlyList<int> candidates, ConceptTable concepts, int concept, int count = 20)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(concepts);
        return candidates
            .Select(u => (User: u, Share: InteractionShare(data, concepts, u, concept)))
            .OrderByDescending(t => t.Share)
            .ThenBy(t => t.User)
            .Take(count)
            .Select(t => t.User)
            .Order()
            .ToArray();
    }

    /// <summary>
    /// The paper's young users: candidates with ML-1M age code 1 (under 18), ascending. Throws when the dataset
    /// carries no ages (Last.FM uses <see cref="TopShare"/> of a source concept instead).
    /// </summary>
    public static int[] YoungUsers(RecDataset data, IReadOnlyList<int> candidates, int ageCode = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        int[] ages = data.UserAgeCodes ?? throw new InvalidOperationException($"Dataset '{data.Name}' has no user ages.");
        return candidates.Where(u => ages[u] == ageCode).Order().ToArray();
    }

    /// <summary>Share of a user's interacted items that carry the concept.</summary>
    public static double InteractionShare(RecDataset data, ConceptTable concepts, int user, int concept)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(concepts);
        int[] items = data.UserItems[user];
        return items.Length == 0 ? 0 : (double)items.Count(i => concepts.Has(i, concept)) / items.Length;
    }

    /// <summary>Mean over lists of the share of each list's items carrying the concept (the paper's "share in the top 30").</summary>
    public static double MeanListShare(IReadOnlyList<int[]> lists, ConceptTable concepts, int concept)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(concepts);
        if (lists.Count == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        foreach (int[] list in lists)
        {
            sum += list.Length == 0 ? 0 : (double)list.Count(i => concepts.Has(i, concept)) / list.Length;
        }
        return sum / lists.Count;
    }
}
