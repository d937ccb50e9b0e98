namespace Repro.Snapshots;

/// <summary>
/// Whether this process runs on a build server, by the variables build servers set (the list of the common detectors:
/// ci-info, NUKE, Cake). Approved tables must never change there, so anything that looks like CI counts as CI.
/// </summary>
public static class BuildServer
{
    // Variables whose presence (non-empty) names a build server. CI itself is handled separately: any value but a
    // false-ish one counts, so CI=1, CI=yes and CI=True all refuse acceptance.
    private static readonly (string Variable, string Name)[] Markers =
    [
        ("GITHUB_ACTIONS", "GitHub Actions"),
        ("TF_BUILD", "Azure Pipelines"),
        ("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "Azure Pipelines"),
        ("GITLAB_CI", "GitLab CI"),
        ("JENKINS_URL", "Jenkins"),
        ("HUDSON_URL", "Hudson"),
        ("TEAMCITY_VERSION", "TeamCity"),
        ("TRAVIS", "Travis CI"),
        ("CIRCLECI", "CircleCI"),
        ("APPVEYOR", "AppVeyor"),
        ("BUILDKITE", "Buildkite"),
        ("BITBUCKET_BUILD_NUMBER", "Bitbucket Pipelines"),
        ("CODEBUILD_BUILD_ID", "AWS CodeBuild"),
        ("bamboo_buildKey", "Bamboo"),
        ("DRONE", "Drone"),
        ("CIRRUS_CI", "Cirrus CI"),
        ("SEMAPHORE", "Semaphore"),
        ("BITRISE_IO", "Bitrise"),
        ("BUDDY_WORKSPACE_ID", "Buddy"),
        ("GO_PIPELINE_LABEL", "GoCD"),
        ("CF_BUILD_ID", "Codefresh"),
        ("HARNESS_BUILD_ID", "Harness"),
        ("WOODPECKER", "Woodpecker"),
        ("CI_NAME", "a build server"),
        ("CONTINUOUS_INTEGRATION", "a build server"),
        ("BUILD_ID", "a build server"),
        ("BUILD_NUMBER", "a build server"),
        ("RUN_ID", "a build server"),
    ];

    /// <summary>True on a build server: nothing may be accepted.</summary>
    public static bool IsCi => Detect(Environment.GetEnvironmentVariable) is not null;

    /// <summary>The variable that marks this process as on a build server, e.g. "GITHUB_ACTIONS=true: GitHub Actions", or null.</summary>
    public static string? Name => Detect(Environment.GetEnvironmentVariable);

    /// <summary>The build server named by the variables <paramref name="variable"/> returns, or null when none is set.</summary>
    public static string? Detect(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable("CI") is { } ci && !IsFalse(ci))
        {
            return $"CI={ci}";
        }
        foreach (var (name, server) in Markers)
        {
            if (variable(name) is { } value && !IsFalse(value))
            {
                return $"{name}={value}: {server}";
            }
        }
        return null;
    }

    // Only an explicit "no" means no: an empty value, false, 0, no, off.
    private static bool IsFalse(string value) =>
        value.Trim() is "" or "0" || value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)
        || value.Trim().Equals("no", StringComparison.OrdinalIgnoreCase) || value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase);
}
