namespace ProadSync.Hosting.Scheduling;

/// <summary>The result of one run request.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="DueAgain">The run overran the interval, so the next one is due at once (SPEC R-GEN-4).</param>
internal sealed record AccountRunResult(AccountRunOutcome Outcome, bool DueAgain);
