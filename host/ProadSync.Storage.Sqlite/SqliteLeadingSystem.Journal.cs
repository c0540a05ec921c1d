using Microsoft.Data.Sqlite;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite;

/// <content>The journal of overwritten external versions and the run log.</content>
internal sealed partial class SqliteLeadingSystem
{
    private static readonly string[] Outcomes = ["running", "succeeded", "partial", "failed", "refused"];

    /// <inheritdoc />
    public Task AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Reason is null || entry.ExternalId is null || entry.ExternalVersion is null || entry.ContentJson is null)
        {
            throw new LeadingValidationException("A journal entry needs a reason, the external id, the external version and the content (empty texts are allowed).");
        }

        return db.WriteAsync((c, tx) =>
        {
            using (var todo = c.Command(tx, "SELECT id FROM todos WHERE id = $id;").With("$id", entry.TodoId))
            {
                if (todo.ScalarLong() is null)
                {
                    throw new LeadingValidationException($"To-do {entry.TodoId} does not exist, so nothing can be journaled for it.");
                }
            }

            EnsureAccountExists(c, tx, entry.AccountId);
            using var insert = c.Command(tx, """
                INSERT INTO journal (todo_id, account_id, at, at_utc_ticks, reason, external_id, external_version, content_json)
                VALUES ($todo, $account, $at, $ticks, $reason, $external, $version, $content);
                """)
                .With("$todo", entry.TodoId).With("$account", entry.AccountId).With("$at", entry.At).With("$ticks", entry.At.UtcTicks)
                .With("$reason", entry.Reason).With("$external", entry.ExternalId).With("$version", entry.ExternalVersion)
                .With("$content", entry.ContentJson);
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ListJournalAsync(long todoId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<JournalEntry>>(c =>
        {
            using var select = c.Command(null, "SELECT * FROM journal WHERE todo_id = $todo ORDER BY at_utc_ticks DESC, id DESC;").With("$todo", todoId);
            var entries = new List<JournalEntry>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new JournalEntry(
                    reader.Long("todo_id"),
                    reader.Long("account_id"),
                    reader.RequiredTime("at"),
                    reader.RequiredText("reason"),
                    reader.RequiredText("external_id"),
                    reader.RequiredText("external_version"),
                    reader.RequiredText("content_json"))
                {
                    Id = reader.Long("id"),
                });
            }

            return entries;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<RunRecord> SaveRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (!Outcomes.Contains(run.Outcome, StringComparer.Ordinal))
        {
            throw new LeadingValidationException($"The run outcome '{run.Outcome}' is unknown; use running, succeeded, partial, failed or refused.");
        }

        if (run.FinishedAt is { } finished && finished < run.StartedAt)
        {
            throw new LeadingValidationException("A run cannot finish before it started.");
        }

        return db.WriteAsync((c, tx) =>
        {
            EnsureAccountExists(c, tx, run.AccountId);
            if (run.Id == 0)
            {
                using var insert = c.Command(tx, """
                    INSERT INTO runs (account_id, started_at, started_utc_ticks, finished_at, outcome, summary_json, error)
                    VALUES ($account, $started, $ticks, $finished, $outcome, $summary, $error)
                    RETURNING id;
                    """);
                BindRun(insert, run);
                return run with { Id = insert.ScalarLong()!.Value };
            }

            using var update = c.Command(tx, """
                UPDATE runs SET account_id = $account, started_at = $started, started_utc_ticks = $ticks, finished_at = $finished,
                       outcome = $outcome, summary_json = $summary, error = $error
                WHERE id = $id;
                """);
            BindRun(update, run).With("$id", run.Id);
            if (update.ExecuteNonQuery() == 0)
            {
                throw new LeadingValidationException($"Run {run.Id} does not exist; record a new run with id 0.");
            }

            return run;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(long accountId, int limit, CancellationToken cancellationToken)
    {
        if (limit < 0)
        {
            throw new LeadingValidationException($"The number of runs to list cannot be negative ({limit}).");
        }

        return db.ReadAsync<IReadOnlyList<RunRecord>>(c =>
        {
            using var select = c.Command(null, "SELECT * FROM runs WHERE account_id = $account ORDER BY started_utc_ticks DESC, id DESC LIMIT $limit;")
                .With("$account", accountId).With("$limit", limit);
            var runs = new List<RunRecord>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                runs.Add(new RunRecord
                {
                    Id = reader.Long("id"),
                    AccountId = reader.Long("account_id"),
                    StartedAt = reader.RequiredTime("started_at"),
                    FinishedAt = reader.Time("finished_at"),
                    Outcome = reader.RequiredText("outcome"),
                    SummaryJson = reader.Text("summary_json"),
                    Error = reader.Text("error"),
                });
            }

            return runs;
        }, cancellationToken);
    }

    private static SqliteCommand BindRun(SqliteCommand command, RunRecord run) =>
        command.With("$account", run.AccountId)
            .With("$started", run.StartedAt)
            .With("$ticks", run.StartedAt.UtcTicks)
            .With("$finished", run.FinishedAt)
            .With("$outcome", run.Outcome)
            .With("$summary", run.SummaryJson)
            .With("$error", run.Error);
}
