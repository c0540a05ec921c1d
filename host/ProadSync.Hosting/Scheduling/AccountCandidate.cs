namespace ProadSync.Hosting.Scheduling;

/// <summary>An account as the scheduler sees it at one tick.</summary>
/// <param name="Database">The database's name.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Enabled">"Enable synchronisation".</param>
/// <param name="Usable">Whether its plugin's interface is licensed and switched on for the database (or needs none).</param>
/// <param name="Interface">The interface its plugin needs, if any.</param>
/// <param name="DisabledReason">Why it was switched off automatically, if it was.</param>
/// <param name="LastRunAt">When its last run ended, as the store keeps it (survives a restart).</param>
internal sealed record AccountCandidate(string Database, long AccountId, bool Enabled, bool Usable, string? Interface, string? DisabledReason, DateTimeOffset? LastRunAt);
