using FluentAssertions;
using NUnit.Framework;
using Repro.Presentation;
using Repro.Snapshots;

namespace Repro.Tests.Snapshots;

/// <summary>Approved tables compare text exactly and numbers within the tolerance their column declares.</summary>
public class TableComparisonTests
{
    private static string Table(string mfHr, string ncfHr, string verdict = "yes") =>
        new MarkdownTable("model", "HR@10", "ok")
            .Add("MF", mfHr, verdict)
            .Add("NCF", ncfHr, verdict)
            .Tolerance("HR@10", 0.02, "model", "NCF")
            .ToString();

    /// <summary>The declared tolerance is written under the table, with its row filter.</summary>
    [Test]
    public void Tolerance_line_is_written_under_the_table()
    {
        Table("0.5", "0.5").Should().EndWith("| NCF | 0.5 | yes |\n\nTolerances: HR@10 ±0.02 where model = NCF\n");
    }

    /// <summary>An NCF number 0.015 away is within ±0.02; the same move of an MF number (no tolerance) is a difference.</summary>
    [Test]
    public void Numbers_move_only_within_their_tolerance()
    {
        TableComparison.Compare(Table("0.58", "0.5446"), Table("0.58", "0.5596")).Should().BeEmpty();
        var d = TableComparison.Compare(Table("0.58", "0.5446"), Table("0.595", "0.5446"))!;
        d.Should().ContainSingle();
        d[0].Where.Should().Be("row 'MF', column 'HR@10'");
        d[0].Approved.Should().Be("0.58");
        d[0].Received.Should().Be("0.595");
        d[0].Tolerance.Should().BeNull();
    }

    /// <summary>Beyond the tolerance the cell is reported with both values and the tolerance.</summary>
    [Test]
    public void A_cell_beyond_its_tolerance_is_reported_with_both_values()
    {
        var d = TableComparison.Compare(Table("0.58", "0.5446"), Table("0.58", "0.5698"))!;
        TableComparison.Describe(d).Should().Be("line 4, row 'NCF', column 'HR@10': approved '0.5446', received '0.5698' (tolerance ±0.02)\n");
    }

    /// <summary>Verdicts and other text compare exactly, whatever the tolerances.</summary>
    [Test]
    public void Text_cells_compare_exactly()
    {
        TableComparison.Compare(Table("0.58", "0.5446"), Table("0.58", "0.5446", "no"))!.Should().HaveCount(2);
        TableComparison.Compare("# title\n" + Table("1", "1"), "# other\n" + Table("1", "1"))!.Should().ContainSingle(x => x.Where == "line");
    }

    /// <summary>
    /// A tolerance that is not a finite, non-negative number (±1e999 parses as infinity) makes its Tolerances line
    /// malformed: the table compares exactly, so a broken line never widens a comparison.
    /// </summary>
    [TestCase("1e999")]
    [TestCase("-1e999")]
    [TestCase("-0.5")]
    public void A_tolerance_that_is_not_a_finite_width_is_refused(string tolerance)
    {
        string approved = Table("0.58", "0.5446").Replace("±0.02", "±" + tolerance, StringComparison.Ordinal);
        string received = Table("0.58", "0.9").Replace("±0.02", "±" + tolerance, StringComparison.Ordinal);

        ColumnTolerance.Parse("Tolerances: HR@10 ±" + tolerance).Should().BeNull();
        var d = TableComparison.Compare(approved, received)!;

        d.Should().ContainSingle().Which.Tolerance.Should().BeNull();
        ColumnTolerance.Parse("Tolerances: HR@10 ±1e300")!.Single().Absolute.Should().Be(1e300, "a huge but finite tolerance is what the line says");
    }

    private static string Checks(string value, string band, string outcome) =>
        new MarkdownTable("check", "value", "band", "outcome")
            .Add("rise", value, band, outcome)
            .ToleranceFrom("value", "band")
            .MayBeUnsettled("outcome")
            .ToString();

    /// <summary>A row may state its own tolerance in another column: 0.04 moves within a band of 0.05 and not within 0.03; a band that is no number compares exactly.</summary>
    [Test]
    public void A_row_states_its_own_tolerance()
    {
        Checks("0.1", "0.05", "pass").Should().EndWith("\n\nTolerances: value ±[band]; outcome ≈\n");
        TableComparison.Compare(Checks("0.1", "0.05", "pass"), Checks("0.14", "0.05", "pass")).Should().BeEmpty();
        var d = TableComparison.Compare(Checks("0.1", "0.03", "pass"), Checks("0.14", "0.03", "pass"))!;
        d.Should().ContainSingle().Which.Tolerance.Should().Be(0.03);
        TableComparison.Compare(Checks("0.1", "exact", "pass"), Checks("0.1001", "exact", "pass"))!.Should().ContainSingle().Which.Tolerance.Should().BeNull();
    }

    /// <summary>
    /// A verdict approved as unsettled (marked ≈) is not compared; a settled one must match, marked or not, and a
    /// different verdict beyond it is a difference.
    /// </summary>
    [Test]
    public void An_unsettled_verdict_is_not_compared()
    {
        TableComparison.Compare(Checks("0.1", "0.05", "pass ≈"), Checks("0.1", "0.05", "tie")).Should().BeEmpty();
        TableComparison.Compare(Checks("0.1", "0.05", "pass"), Checks("0.1", "0.05", "pass ≈")).Should().BeEmpty();
        TableComparison.Compare(Checks("0.1", "0.05", "pass"), Checks("0.1", "0.05", "tie ≈"))!.Should().ContainSingle()
            .Which.Where.Should().Be("row 'rise', column 'outcome'");
        ColumnTolerance.Parse("Tolerances: value ±[band]; outcome ≈")!.Should().BeEquivalentTo(
            [ColumnTolerance.From("value", "band"), ColumnTolerance.Unsettled("outcome")]);
    }

    /// <summary>Tables of another shape are not compared cell by cell (null: fall back to a line diff).</summary>
    [Test]
    public void Another_shape_falls_back_to_a_line_diff()
    {
        string longer = Table("1", "1") + "| extra | 1 | yes |\n";
        TableComparison.Compare(Table("1", "1"), longer).Should().BeNull();
    }

    /// <summary>The store accepts a within-tolerance table as matching and writes no received file.</summary>
    [Test]
    public void Store_matches_within_tolerance_and_fails_beyond()
    {
        string dir = Path.Combine(Path.GetTempPath(), "repro-tol-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new SnapshotStore(dir);
            Directory.CreateDirectory(dir);
            File.WriteAllText(store.VerifiedPath("t"), Table("0.58", "0.5446"));
            store.Check("t", Table("0.58", "0.55")).Status.Should().Be(SnapshotStatus.Matched);
            File.Exists(store.ReceivedPath("t")).Should().BeFalse();
            var beyond = store.Check("t", Table("0.58", "0.6"));
            beyond.Status.Should().Be(SnapshotStatus.Differs);
            beyond.Diff.Should().Contain("approved '0.5446', received '0.6' (tolerance ±0.02)");
            File.Exists(store.ReceivedPath("t")).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
