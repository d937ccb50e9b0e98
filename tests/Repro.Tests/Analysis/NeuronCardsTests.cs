using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Presentation;
using Repro.Testing;
using static Repro.Tests.Analysis.AnalysisFixtures;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="Repro.Analysis.NeuronCards"/> against hand-computed values.</summary>
public class NeuronCardsTests
{
    /// <summary>Each card names the neuron's best concept with purity@20 and lists its top items with label, activation and concepts; dead neurons say so.</summary>
    [Test]
    public void Cards_show_best_concept_and_top_items()
    {
        // Items: 0{A} 1{A,B} 2{B}. Neuron 0 ranks 1, 0, 2: A on 2 of 3 (0.67), B on 2 of 3 → tie → A (lower index).
        var concepts = Table("genre", ["A", "B"], [0], [0, 1], [1]);
        var acts = FromColumns([0.5f, 1.25f, 0f], [0f, 0f, 0f]);
        string md = NeuronCards.Compute("toy MF", acts, concepts, ["Alpha (1990)", "Beta|Gamma (1995)", "Delta (2000)"], topItems: 2).ToMarkdown();
        md.Should().Contain("Best genre: **A**, purity@20 = 0.67");
        md.Should().Contain("| 1 | 1 | Beta\\|Gamma (1995) | 1.25 | A, B |");
        md.Should().Contain("Dead: constant activation");
        Approvals.Verify(md);
    }
}
