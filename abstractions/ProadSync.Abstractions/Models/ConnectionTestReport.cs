namespace ProadSync.Abstractions.Models;

/// <summary>The result of "Test" (Prüfen, SPEC R-ACC-2): the steps in the order they ran.</summary>
/// <param name="Steps">The steps.</param>
public sealed record ConnectionTestReport(IReadOnlyList<ConnectionTestStep> Steps)
{
    /// <summary>Whether no step failed.</summary>
    public bool Succeeded => Steps.Count > 0 && Steps.All(s => s.Outcome != TestOutcome.Failed);

    /// <summary>Whether a step failed because the credentials were refused.</summary>
    public bool AuthenticationFailed { get; init; }
}
