using Repro.Data;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>
/// The baseline row: every user gets the items ranked by their number of training interactions (hidden
/// positives are not counted, so the baseline sees exactly what the models see).
/// </summary>
public static class PopularityRanker
{
    /// <summary>Training-interaction count per item.</summary>
    public static float[] ItemScores(Split split, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(split);
        var counts = new float[itemCount];
        foreach (int[] items in split.TrainItems)
        {
            foreach (int i in items)
            {
                counts[i]++;
            }
        }
        return counts;
    }

    /// <summary>A scorer for <see cref="RecommenderEvaluation"/>: the same popularity row for every user.</summary>
    public static Func<long[], Tensor> Scorer(Split split, int itemCount)
    {
        float[] scores = ItemScores(split, itemCount);
        return users => tensor(scores).unsqueeze(0).expand(users.Length, itemCount).contiguous();
    }
}
