using System.Globalization;
using Repro.Data;

namespace Repro.Benchmarks;

/// <summary>ML-1M load and preprocessing from data/ml-1m (target: well under 2 s).</summary>
internal sealed class Ml1mLoadBenchmark : IBenchmark
{
    public string Name => "data-load-ml-1m";

    public void Setup()
    {
    }

    public string? Run()
    {
        var d = MovieLens1M.Load(Path.Combine(RepoPaths.Data, "ml-1m"));
        return string.Create(CultureInfo.InvariantCulture, $"{d.UserCount}x{d.ItemCount}, {d.InteractionCount} interactions");
    }
}

/// <summary>HetRec Last.FM load, filtering and tag selection from data/hetrec2011-lastfm-2k.</summary>
internal sealed class LastFmLoadBenchmark : IBenchmark
{
    public string Name => "data-load-lastfm";

    public void Setup()
    {
    }

    public string? Run()
    {
        var d = LastFm.Load(Path.Combine(RepoPaths.Data, "hetrec2011-lastfm-2k"));
        return string.Create(CultureInfo.InvariantCulture, $"{d.UserCount}x{d.ItemCount}, {d.Concepts.Count} tags");
    }
}

/// <summary>Generation of the planted synthetic set (default settings).</summary>
internal sealed class SyntheticGenerationBenchmark : IBenchmark
{
    public string Name => "data-generate-synthetic";

    public void Setup()
    {
    }

    public string? Run()
    {
        var d = SyntheticDataset.Generate();
        return string.Create(CultureInfo.InvariantCulture, $"{d.UserCount}x{d.ItemCount}");
    }
}
