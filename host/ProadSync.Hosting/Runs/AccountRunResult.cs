using ProadSync.Core.Sync;

namespace ProadSync.Hosting.Runs;

/// <summary>What happened to one account in <c>sync run</c>: a report, or why it did not run.</summary>
/// <param name="Database">The database.</param>
/// <param name="Login">The user's login.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Outcome"><c>succeeded</c>, <c>partial</c>, <c>failed</c>, <c>refused</c>, <c>dry-run</c> or <c>skipped</c>.</param>
/// <param name="Message">Why it was skipped or failed, if it was.</param>
/// <param name="Report">The engine's report, when the run started.</param>
public sealed record AccountRunResult(string Database, string Login, long AccountId, string Outcome, string? Message, RunReport? Report);
