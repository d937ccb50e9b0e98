using NUnit.Framework;
using Repro.Data;
using Repro.Presentation;
using Repro.Testing;

namespace Repro.Paper.Tests.Data;

/// <summary>The approved dataset summary: size, concepts and input fingerprints of every dataset.</summary>
[TestFixture]
public sealed class DatasetSummaryTests
{
    /// <summary>ML-1M, Last.FM and the synthetic set match the approved summary (any change in inputs or preprocessing shows here).</summary>
    [Test]
    public void Summary_of_every_dataset() =>
        Approvals.Verify(DatasetSummary.Build(Datasets.Names.Select(n => Datasets.Load(n))));
}
