using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;
using Repro.Presentation;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="Repro.Analysis.ConceptReport"/> against hand-computed values.</summary>
public class ConceptReportTests
{
    /// <summary>The one-call report runs purity per concept table and the popularity neuron, and skips era and MS when their inputs are absent.</summary>
    [Test]
    public void Report_runs_what_its_inputs_allow()
    {
        var data = SyntheticDataset.Generate();
        var acts = new float[data.ItemCount, 3];
        for (int i = 0; i < data.ItemCount; i++)
        {
            acts[i, 0] = data.Concepts.Has(i, 2) ? 1 : 0;            // genre2 neuron
            acts[i, 1] = data.ItemCount - data.PopularityRank[i];    // observed popularity, exactly
        }
        var report = ConceptReport.Compute("synthetic", acts, data);
        report.PurityOf("genre").Row("genre2").BestNeuron.Should().Be(0);
        report.Popularity.Neuron.Should().Be(1);
        // Top 30 (10 % of 300) of an exact popularity neuron are ranks 0..29: mean 14.5.
        report.Popularity.MeanRank.Should().Be(14.5);
        report.Era.Should().BeNull();
        report.Monosemanticity.Should().BeNull();
        report.ToMarkdown().Should().Contain("## Popularity neuron").And.NotContain("Era neurons");
    }
}
