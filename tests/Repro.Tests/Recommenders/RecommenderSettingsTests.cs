using FluentAssertions;
using NUnit.Framework;
using Repro.Recommenders;

namespace Repro.Tests.Recommenders;

/// <summary>The recommender presets are valid, and a bad field is named with its value and what was expected.</summary>
public sealed class RecommenderSettingsTests
{
    /// <summary>Every preset passes validation.</summary>
    [Test]
    public void Presets_are_valid()
    {
        foreach (var s in new[]
        {
            RecommenderSettings.Ml1mMf, RecommenderSettings.Ml1mNcf, RecommenderSettings.Ml1mNcfPaperBatch, RecommenderSettings.Ml1mNcfPaperLr,
            RecommenderSettings.LastFmMf, RecommenderSettings.LastFmNcf, RecommenderSettings.SyntheticMf, RecommenderSettings.SyntheticNcf,
        })
        {
            s.Invoking(x => x.Validate()).Should().NotThrow(s.ToString());
        }
    }

    /// <summary>Each out-of-range field is reported by name, value and expectation.</summary>
    [TestCase("Dim", "Dim = 0")]
    [TestCase("BatchSize", "BatchSize = -1")]
    [TestCase("LearningRate", "LearningRate = NaN")]
    [TestCase("L2", "L2 = -0.5")]
    [TestCase("Epochs", "Epochs = -2")]
    [TestCase("Kind", "Kind = 7")]
    public void A_bad_field_is_named(string field, string shown)
    {
        var bad = field switch
        {
            "Dim" => RecommenderSettings.Ml1mMf with { Dim = 0 },
            "BatchSize" => RecommenderSettings.Ml1mMf with { BatchSize = -1 },
            "LearningRate" => RecommenderSettings.Ml1mMf with { LearningRate = double.NaN },
            "L2" => RecommenderSettings.Ml1mMf with { L2 = -0.5 },
            "Epochs" => RecommenderSettings.Ml1mMf with { Epochs = -2 },
            _ => RecommenderSettings.Ml1mMf with { Kind = (RecommenderKind)7 },
        };
        bad.Invoking(x => x.Validate()).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == field && e.Message.Contains(shown, StringComparison.Ordinal) && e.Message.Contains("expected", StringComparison.Ordinal));
    }

    /// <summary>The record's text, which the checkpoint key holds, prints the kind by name: keys did not change when the kind became an enum.</summary>
    [Test]
    public void Text_prints_the_kind_by_name() =>
        RecommenderSettings.Ml1mNcf.ToString().Should().Be("RecommenderSettings { Kind = NCF, Dim = 20, Epochs = 30, BatchSize = 2048, LearningRate = 0.003, L2 = 0, Seed = 42 }");
}
