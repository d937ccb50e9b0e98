namespace Repro.Interventions;

/// <summary>
/// One plotted series of an intervention experiment: the value at "Orig" (the unedited model) and one value
/// per latent value v of the experiment's grid (same order as the grid), under one <see cref="InterventionProtocol"/>.
/// </summary>
/// <param name="Intervention">"suppression", "nudging", "promotion exposure", "promotion side-effect RBO_ext", …</param>
/// <param name="Concept">The concept the series measures (for promotion: the item's label and the concept).</param>
/// <param name="Latent">The edited latent j (<see cref="LatentChoice"/>).</param>
/// <param name="AudienceSize">Number of users the values average over.</param>
/// <param name="Orig">Value with the unedited model and original embeddings.</param>
/// <param name="Values">One value per v.</param>
public sealed record InterventionRow(string Intervention, string Concept, int Latent, int AudienceSize, double Orig, IReadOnlyList<double> Values)
{
    /// <summary>What the edit is scored against (default "edit only", the protocol the claims are ruled on).</summary>
    public InterventionProtocol Protocol { get; init; } = InterventionProtocol.EditOnly;

    /// <summary>
    /// The protocol's no-edit baseline: the same SAE passes with no latent changed (NaN where not measured). Against Orig
    /// it shows how much of a move is the reconstruction's, not the edit's.
    /// </summary>
    public double NoEdit { get; init; } = double.NaN;
}
