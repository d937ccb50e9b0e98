namespace Repro.Claims;

/// <summary>
/// The seed-to-seed spread of a measure, from which the claims' margins are derived (<see cref="NoiseMargins"/>): a
/// seed retrains the split, the recommender and the SAEs, so the spread over seeds is the noise of one measurement.
/// </summary>
public static class SeedSpread
{
    /// <summary>
    /// 2 × the pooled sample standard deviation over seeds: <c>2 √(mean over points of the variance over seeds)</c>,
    /// where <paramref name="perSeed"/>[s][p] is seed s's value at point p (a λ_pred of a sweep; one point for a single
    /// number). NaN with fewer than two seeds or no point; points where a seed's value is NaN are left out.
    /// </summary>
    public static double TwicePooledSd(IReadOnlyList<IReadOnlyList<double>> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        if (perSeed.Count < 2 || perSeed[0].Count == 0)
        {
            return double.NaN;
        }
        int points = perSeed[0].Count;
        if (perSeed.Any(s => s.Count != points))
        {
            throw new ArgumentException($"Every seed needs the same {points} points (got {string.Join(", ", perSeed.Select(s => s.Count))}).", nameof(perSeed));
        }
        double sum = 0;
        int used = 0;
        for (int p = 0; p < points; p++)
        {
            var values = perSeed.Select(s => s[p]).ToArray();
            if (values.Any(double.IsNaN))
            {
                continue;
            }
            double mean = values.Average();
            sum += values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
            used++;
        }
        return used == 0 ? double.NaN : 2 * Math.Sqrt(sum / used);
    }
}
