using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Exchange;

/// <summary>
/// What an imported model stands for: the node of a run it replaces. A recommender is its dataset and its settings'
/// training identity (seed included, which is also the split's); an SAE adds its settings' training identity and its
/// own seed. Display names never enter.
/// </summary>
public static class ImportIdentity
{
    /// <summary>The identity of a recommender of <paramref name="dataset"/> trained with <paramref name="settings"/>.</summary>
    public static string Recommender(DatasetName dataset, RecommenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return dataset.Value + "|" + settings.TrainingIdentity();
    }

    /// <summary>The identity of an SAE with <paramref name="settings"/> and <paramref name="seed"/> on that recommender.</summary>
    public static string Sae(DatasetName dataset, RecommenderSettings recommender, SaeSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Recommender(dataset, recommender) + "|" + settings.TrainingIdentity(recommender.Kind) + "|seed=" + seed.ToString(CultureInfo.InvariantCulture);
    }
}
