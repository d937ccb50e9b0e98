using FluentAssertions;
using NUnit.Framework;
using Repro.Snapshots;

namespace Repro.Tests.Snapshots;

/// <summary>Build-server detection: every CI a detector knows, with any true-ish CI value.</summary>
[TestFixture]
public sealed class BuildServerTests
{
    private static string? Detect(params (string Name, string Value)[] env) =>
        BuildServer.Detect(n => env.FirstOrDefault(e => e.Name == n).Value);

    /// <summary>CI with any value but an explicit no, and each vendor's own variable without CI, count as a build server.</summary>
    [TestCase("CI", "true")]
    [TestCase("CI", "1")]
    [TestCase("CI", "yes")]
    [TestCase("CI", "True")]
    [TestCase("CI", "woodpecker")]
    [TestCase("GITHUB_ACTIONS", "true")]
    [TestCase("TF_BUILD", "True")]
    [TestCase("GITLAB_CI", "true")]
    [TestCase("JENKINS_URL", "http://jenkins/")]
    [TestCase("TEAMCITY_VERSION", "2024.1")]
    [TestCase("BUILDKITE", "true")]
    [TestCase("CIRCLECI", "true")]
    [TestCase("APPVEYOR", "True")]
    [TestCase("CODEBUILD_BUILD_ID", "x:1")]
    public void Detects(string name, string value) => Detect((name, value)).Should().Contain($"{name}={value}");

    /// <summary>No variable, or CI set to an explicit no, is a developer's machine.</summary>
    [TestCase("false")]
    [TestCase("0")]
    [TestCase("no")]
    [TestCase("")]
    public void Explicit_no_is_not_ci(string value)
    {
        Detect().Should().BeNull();
        Detect(("CI", value)).Should().BeNull();
    }

    /// <summary>CI=false does not hide a vendor variable.</summary>
    [Test]
    public void Vendor_variable_wins_over_ci_false() =>
        Detect(("CI", "false"), ("GITHUB_ACTIONS", "true")).Should().Be("GITHUB_ACTIONS=true: GitHub Actions");
}
