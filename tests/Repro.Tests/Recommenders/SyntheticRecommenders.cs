using Repro.Data;
using Repro.Recommenders;

namespace Repro.Tests.Recommenders;

/// <summary>The planted synthetic set, its split, and MF/NCF trained on it once per test run.</summary>
internal static class SyntheticRecommenders
{
    private static readonly Lazy<RecDataset> LazyData = new(() => SyntheticDataset.Generate());
    private static readonly Lazy<Split> LazySplit = new(() => Split.Create(Data, new SplitSettings()));
    private static readonly Lazy<TrainedRecommender> LazyMf = new(() => RecommenderTrainer.Train(Data, Split, RecommenderSettings.SyntheticMf, TorchSharp.torch.CPU));
    private static readonly Lazy<TrainedRecommender> LazyNcf = new(() => RecommenderTrainer.Train(Data, Split, RecommenderSettings.SyntheticNcf, TorchSharp.torch.CPU));

    public static RecDataset Data => LazyData.Value;

    public static Split Split => LazySplit.Value;

    public static TrainedRecommender Mf => LazyMf.Value;

    public static TrainedRecommender Ncf => LazyNcf.Value;

    public static TrainedRecommender Get(RecommenderKind kind) => kind == RecommenderKind.MF ? Mf : Ncf;
}
