using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Testing;

namespace Repro.Paper.Tests.Experiments;

/// <summary>Concept neurons (SPEC §5): purity, popularity, era, MS and neuron cards per paper cell.</summary>
public sealed class ConceptTests : PaperFixture
{
    private static IEnumerable<TestCaseData> CellCases() =>
        Results.Cells.Select(c => new TestCaseData(c.Dataset, c.Model).SetName($"{{m}}({c.Dataset},{c.Model})"));

    /// <summary>The concept tables of a cell match the approved ones.</summary>
    [TestCaseSource(nameof(CellCases))]
    public void Concept_tables_are_approved(string dataset, string model) =>
        Approvals.Verify(ConceptExperiment.ToMarkdown(Results.Concepts(Cell(dataset, model))), $"ConceptTests.{dataset}-{model}.concepts");

    /// <summary>The neuron cards of a cell match the approved ones.</summary>
    [TestCaseSource(nameof(CellCases))]
    public void Neuron_cards_are_approved(string dataset, string model) =>
        Approvals.Verify(Results.Concepts(Cell(dataset, model)).NeuronCards, $"ConceptTests.{dataset}-{model}.cards");

    /// <summary>Every concept's best neuron beats the concept's base rate at K = 20: the neurons carry concept signal.</summary>
    [TestCaseSource(nameof(CellCases))]
    public void Best_neurons_beat_the_base_rate_on_average(string dataset, string model)
    {
        var purity = Results.Concepts(Cell(dataset, model)).Report.Purity[0];
        purity.Rows.Average(r => r.PurityAt20).Should().BeGreaterThan(purity.Rows.Average(r => r.BaseRate));
    }

    /// <summary>The Matryoshka hierarchy tables (Last.FM MF m = 80, ML-1M MF) match the approved ones.</summary>
    [Test]
    public void Matryoshka_hierarchy_is_approved() => Approvals.Verify(
        "# Matryoshka hierarchy\n\n" + string.Join("\n", Results.HierarchyCells.Select(c =>
        {
            var h = Results.Hierarchy(c);
            return $"## {c.Label}: {h.Sae.Describe()}, prefixes {string.Join("/", h.Prefixes)}\n\n{h.Result.ToMarkdown()}";
        })));
}

/// <summary>Interventions (SPEC §6): dose-response grids per paper cell.</summary>
public sealed class InterventionTests : PaperFixture
{
    private static IEnumerable<TestCaseData> CellCases() =>
        Results.Cells.Select(c => new TestCaseData(c.Dataset, c.Model).SetName($"{{m}}({c.Dataset},{c.Model})"));

    /// <summary>The dose-response tables of a cell match the approved ones.</summary>
    [TestCaseSource(nameof(CellCases))]
    public void Dose_response_tables_are_approved(string dataset, string model) =>
        Approvals.Verify(Results.Interventions(Cell(dataset, model)).ToMarkdown(), $"InterventionTests.{dataset}-{model}");

    /// <summary>Suppressing a concept at the most negative value lowers its share below "Orig" for every suppressed concept that was present.</summary>
    [TestCaseSource(nameof(CellCases))]
    public void Suppression_lowers_the_target_share(string dataset, string model)
    {
        foreach (var s in Results.Interventions(Cell(dataset, model)).Suppressions.Where(s => s.Target.Orig > 0))
        {
            s.Target.Values[^1].Should().BeLessThan(s.Target.Orig, s.Target.Concept);
        }
    }
}

/// <summary>The claims ledger (SPEC §7) and the deviations table (SPEC §8): every verdict is a snapshot diff.</summary>
public sealed class ClaimsLedgerTests : PaperFixture
{
    /// <summary>The ledger matches the approved one; a NOT REPRODUCED row is a result, not a failure.</summary>
    [Test]
    public void Claims_ledger_is_approved() => Approvals.Verify("# Claims ledger\n\n" + Results.Ledger().ToMarkdown() + "\n# Deviations\n\n" + DeviationsTable.ToMarkdown());

    /// <summary>Every claim gets a verdict: none is left pending once all results exist.</summary>
    [Test]
    public void No_claim_is_left_pending() =>
        Results.Ledger().Rows.Should().NotContain(r => r.Verdict == Verdict.Pending);
}
