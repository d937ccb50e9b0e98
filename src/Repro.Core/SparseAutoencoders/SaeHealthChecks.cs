using System.Globalization;

namespace Repro.SparseAutoencoders;

/// <summary>
/// The hard health assertions every paper setting must pass (fixtures call these): at most 20 % of latents dead,
/// 1 ≤ L0 ≤ m/2 for users and for items, FVU finite and below the FVU of an all-zero code.
/// </summary>
public static class SaeHealthChecks
{
    /// <summary>Largest tolerated share of dead latents.</summary>
    public const double MaxDeadRate = 0.2;

    /// <summary>Every violated condition as one readable line; empty when healthy.</summary>
    public static IReadOnlyList<string> Violations(SaeHealthReport health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var problems = new List<string>();
        int m = health.Latents;
        if (health.DeadLatents > MaxDeadRate * m)
        {
            problems.Add(Format($"{health.DeadLatents} of {m} latents are dead ({health.DeadRate:P1} > {MaxDeadRate:P0})"));
        }
        foreach (var (who, l0) in new[] { ("users", health.L0Users), ("items", health.L0Items) })
        {
            if (!(l0 >= 1 && l0 <= m / 2.0))
            {
                problems.Add(Format($"L0 of {who} is {l0:F3}, outside [1, m/2 = {m / 2.0}]"));
            }
        }
        if (!double.IsFinite(health.Fvu))
        {
            problems.Add(Format($"FVU is {health.Fvu}"));
        }
        else if (!(health.Fvu < health.ZeroCodeFvu))
        {
            problems.Add(Format($"FVU {health.Fvu:F4} is not below the zero-code FVU {health.ZeroCodeFvu:F4}"));
        }
        return problems;
    }

    /// <summary>Throws naming every violation (with the settings' name) if the SAE is unhealthy.</summary>
    public static void EnsureHealthy(SaeHealthReport health, string label)
    {
        var problems = Violations(health);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"SAE '{label}' is unhealthy: {string.Join("; ", problems)}.");
        }
    }

    private static string Format(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
