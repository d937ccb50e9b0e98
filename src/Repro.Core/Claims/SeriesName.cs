using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>The name of one series a claim reads: the cell (dataset and model) and what was measured on it.</summary>
/// <param name="Dataset">The dataset (the paper's ML-1M or Last.FM).</param>
/// <param name="Model">The recommender.</param>
/// <param name="Measure">What was measured ("genre purity", "suppress Horror", ...).</param>
public sealed record SeriesName(DatasetName Dataset, RecommenderKind Model, string Measure)
{
    /// <summary>The cell's label, as <see cref="PaperSetting.Label"/> writes it ("ml-1m MF").</summary>
    public string Cell => Dataset + " " + Model;

    /// <summary>"ml-1m MF genre purity".</summary>
    public override string ToString() => Cell + " " + Measure;
}
