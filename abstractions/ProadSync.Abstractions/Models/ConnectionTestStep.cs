namespace ProadSync.Abstractions.Models;

/// <summary>One step of a connection test ("reachable", "authenticated", "collections found", …).</summary>
/// <param name="Name">A short name of the step.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Message">One sentence for a person: what was found, or what went wrong and what to do.</param>
public sealed record ConnectionTestStep(string Name, TestOutcome Outcome, string Message);
