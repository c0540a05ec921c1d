using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>What one run did (or, in a dry run, would do): counts per direction, skipped and failed items, the plan.</summary>
public sealed record RunReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The account.</summary>
    public required long AccountId { get; init; }

    /// <summary>The mode the run used.</summary>
    public required SyncMode Mode { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Whether this was a dry run (nothing was changed; <see cref="Plan"/> says what would be).</summary>
    public bool DryRun { get; init; }

    /// <summary>Leading → external: items created (including re-creates).</summary>
    public int CreatedOut { get; init; }

    /// <summary>Leading → external: items updated.</summary>
    public int UpdatedOut { get; init; }

    /// <summary>Leading → external: items deleted.</summary>
    public int DeletedOut { get; init; }

    /// <summary>External → leading: to-dos updated.</summary>
    public int UpdatedIn { get; init; }

    /// <summary>External → leading: to-dos imported (full sync).</summary>
    public int ImportedIn { get; init; }

    /// <summary>External → leading: to-dos marked "externally deleted".</summary>
    public int MarkedDeletedIn { get; init; }

    /// <summary>Links deactivated (private/series in 2-way/full, contacts deleted externally).</summary>
    public int LinksDeactivated { get; init; }

    /// <summary>Links dropped (leading item gone, decision D-4 re-creates, external deletes remembered).</summary>
    public int LinksDropped { get; init; }

    /// <summary>External versions the leading version overwrote, kept in the journal (SPEC R-GEN-1).</summary>
    public int Journaled { get; init; }

    /// <summary>Contacts created.</summary>
    public int ContactsCreated { get; init; }

    /// <summary>Contacts updated.</summary>
    public int ContactsUpdated { get; init; }

    /// <summary>Contacts left alone (inactive, deleted externally or in the leading system).</summary>
    public int ContactsSkipped { get; init; }

    /// <summary>Items left alone on purpose, with the reason.</summary>
    public IReadOnlyList<SkippedItem> Skipped { get; init; } = [];

    /// <summary>Items that failed; the run went on with the others.</summary>
    public IReadOnlyList<FailedItem> Failed { get; init; } = [];

    /// <summary>The planned effects (for a dry run what would happen; otherwise what was attempted).</summary>
    public IReadOnlyList<PlanEntry> Plan { get; init; } = [];

    /// <summary>Things a person should know (for example a suspicious empty listing that was ignored).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Why the run ended early, if it did.</summary>
    public FatalErrorKind FatalError { get; init; }

    /// <summary>The message of the error that ended the run, if any.</summary>
    public string? FatalMessage { get; init; }

    /// <summary>Whether the mass-delete circuit breaker stopped the run before it changed anything.</summary>
    public bool StoppedByCircuitBreaker { get; init; }

    /// <summary>Why the circuit breaker stopped the run, and how to confirm.</summary>
    public string? CircuitBreakerMessage { get; init; }

    /// <summary>
    /// Whether the run took the no-change fast path: the leading store's change counter, the account's settings and
    /// the target's delta were all unchanged since the last successful run, so no to-dos, links or contacts were read.
    /// </summary>
    public bool NoChangeFastPath { get; init; }

    /// <summary>The number of effects on either side (0 for a run that changed nothing).</summary>
    public int Changes => CreatedOut + UpdatedOut + DeletedOut + UpdatedIn + ImportedIn + MarkedDeletedIn + LinksDeactivated
        + LinksDropped + ContactsCreated + ContactsUpdated;

    /// <summary>The outcome as the run log keeps it: <c>succeeded</c>, <c>partial</c>, <c>failed</c>, <c>refused</c> or <c>dry-run</c>.</summary>
    public string Outcome => FatalError != FatalErrorKind.None ? "failed"
        : StoppedByCircuitBreaker ? "refused"
        : DryRun ? "dry-run"
        : Failed.Count > 0 ? "partial"
        : "succeeded";

    /// <summary>The run as the run log keeps it (<see cref="ILeadingSystem.SaveRunAsync"/>): outcome, this report as JSON and the fatal error.</summary>
    /// <returns>A new run record (Id 0).</returns>
    public RunRecord ToRunRecord() => new()
    {
        AccountId = AccountId,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
        Outcome = Outcome,
        SummaryJson = ToJson(),
        Error = FatalError != FatalErrorKind.None ? FatalMessage : StoppedByCircuitBreaker ? CircuitBreakerMessage : null,
    };

    /// <summary>Serialises the report as indented JSON (camelCase, enums as names).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A short human summary (one line per direction, then failures and warnings).</summary>
    /// <returns>The text.</returns>
    public string ToSummary()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Account {AccountId} ({Mode}) {Outcome}{(DryRun ? " (dry run: nothing changed)" : string.Empty)}");
        text.AppendLine(c, $"  out: {CreatedOut} created, {UpdatedOut} updated, {DeletedOut} deleted");
        text.AppendLine(c, $"  in:  {UpdatedIn} updated, {ImportedIn} imported, {MarkedDeletedIn} marked externally deleted");
        text.AppendLine(c, $"  links: {LinksDeactivated} deactivated, {LinksDropped} dropped; journal: {Journaled}");
        text.AppendLine(c, $"  contacts: {ContactsCreated} created, {ContactsUpdated} updated, {ContactsSkipped} skipped");
        text.AppendLine(c, $"  skipped: {Skipped.Count}, failed: {Failed.Count}");
        foreach (var failed in Failed)
        {
            text.AppendLine(c, $"  FAILED {failed.Kind} {failed.LeadingId?.ToString(c) ?? "-"} / {failed.ExternalId ?? "-"}: {failed.Message}");
        }

        foreach (var warning in Warnings)
        {
            text.AppendLine(c, $"  WARNING {warning}");
        }

        if (StoppedByCircuitBreaker)
        {
            text.AppendLine(c, $"  STOPPED {CircuitBreakerMessage}");
        }

        if (FatalError != FatalErrorKind.None)
        {
            text.AppendLine(c, $"  ERROR ({FatalError}) {FatalMessage}");
        }

        return text.ToString();
    }
}
