using Microsoft.Data.Sqlite;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite;

/// <content>To-dos, and the compound sync operations that write a to-do together with its link.</content>
internal sealed partial class SqliteLeadingSystem
{
    private const string TodoSelect = """
        SELECT t.*,
               EXISTS (SELECT 1 FROM links l WHERE l.kind = t.kind AND l.leading_id = t.id AND l.active = 1) AS sync_active
        FROM todos t
        """;

    private const string ContentAssignments = """
        kind = $kind, subject = $subject, start_at = $start, start_utc_ticks = $startTicks, end_at = $end, end_utc_ticks = $endTicks,
        all_day = $allDay, time_zone = $tz, description = $description, description_format = $descriptionFormat, location = $location,
        priority = $priority, show_as = $showAs, status = $status, reminder_at = $reminder, is_private = $private,
        is_recurring = $recurring, source_tag = $sourceTag
        """;

    /// <inheritdoc />
    public Task<Todo> AddTodoAsync(TodoDraft draft, CancellationToken cancellationToken)
    {
        ValidateDraft(draft);
        return db.WriteAsync((c, tx) => InsertTodo(c, tx, draft), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Todo> UpdateTodoAsync(long id, TodoDraft draft, CancellationToken cancellationToken)
    {
        ValidateDraft(draft);
        return db.WriteAsync((c, tx) =>
        {
            EnsureUserExists(c, tx, draft.ResponsibleUserId, "a to-do needs an existing responsible user");
            using var update = c.Command(tx, $"""
                UPDATE todos SET {ContentAssignments}, project_number = $projectNumber, project_name = $projectName,
                       responsible_user_id = $user, modified_at = $now, revision = revision + 1
                WHERE id = $id;
                """);
            BindContent(update, draft.Content).With("$projectNumber", draft.ProjectNumber).With("$projectName", draft.ProjectName)
                .With("$user", draft.ResponsibleUserId).With("$now", Now()).With("$id", id);
            if (update.ExecuteNonQuery() == 0)
            {
                throw new LeadingValidationException($"To-do {id} does not exist, so it cannot be changed.");
            }

            return ReadTodo(c, tx, id)!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteTodoAsync(long id, CancellationToken cancellationToken) =>
        db.WriteAsync((c, tx) =>
        {
            using var delete = c.Command(tx, "DELETE FROM todos WHERE id = $id;").With("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Todo?> GetTodoAsync(long id, CancellationToken cancellationToken) =>
        db.ReadAsync(c => ReadTodo(c, null, id), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Todo>> ListTodosAsync(TodoQuery query, CancellationToken cancellationToken)
    {
        if (query.Kind is { } kind && !Enum.IsDefined(kind))
        {
            throw new LeadingValidationException($"The kind {(int)kind} is not a to-do kind; use Appointment or Task.");
        }

        return db.ReadAsync<IReadOnlyList<Todo>>(c =>
        {
            // Each condition is switched on by its parameter being non-NULL, so the SQL stays constant.
            using var select = c.Command(null, $"""
                {TodoSelect}
                WHERE ($user IS NULL OR t.responsible_user_id = $user)
                  AND ($kind IS NULL OR t.kind = $kind)
                  AND ($endTicks IS NULL OR (t.end_utc_ticks IS NOT NULL AND t.end_utc_ticks >= $endTicks))
                  AND ($includeDeleted = 1 OR t.externally_deleted = 0)
                ORDER BY t.id;
                """)
                .With("$user", query.ResponsibleUserId)
                .With("$kind", query.Kind?.ToString())
                .With("$endTicks", query.EndOnOrAfter?.UtcTicks)
                .With("$includeDeleted", query.IncludeExternallyDeleted);
            return ReadTodos(select);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TodoPage> ListTodoPageAsync(TodoPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        TodoPageRules.Validate(query);
        if (query.Filter.Kind is { } kind && !Enum.IsDefined(kind))
        {
            throw new LeadingValidationException($"The kind {(int)kind} is not a to-do kind; use Appointment or Task.");
        }

        return db.ReadAsync(c =>
        {
            // Same conditions for the page and the count, and one read transaction so both see the same rows.
            const string where = """
                WHERE ($user IS NULL OR t.responsible_user_id = $user)
                  AND ($kind IS NULL OR t.kind = $kind)
                  AND ($endTicks IS NULL OR (t.end_utc_ticks IS NOT NULL AND t.end_utc_ticks >= $endTicks))
                  AND ($includeDeleted = 1 OR t.externally_deleted = 0)
                  AND ($deleted IS NULL OR t.externally_deleted = $deleted)
                  AND ($sync IS NULL OR EXISTS (SELECT 1 FROM links l WHERE l.kind = t.kind AND l.leading_id = t.id AND l.active = 1) = $sync)
                """;
            using var tx = c.BeginTransaction(deferred: true);
            SqliteCommand Bind(SqliteCommand command) => command
                .With("$user", query.Filter.ResponsibleUserId)
                .With("$kind", query.Filter.Kind?.ToString())
                .With("$endTicks", query.Filter.EndOnOrAfter?.UtcTicks)
                .With("$includeDeleted", query.Filter.IncludeExternallyDeleted)
                .With("$deleted", query.ExternallyDeleted)
                .With("$sync", query.SyncActive);
            using var select = Bind(c.Command(tx, $"{TodoSelect} {where} ORDER BY t.id LIMIT $limit OFFSET $offset;"))
                .With("$limit", query.Limit).With("$offset", query.Offset);
            var todos = ReadTodos(select);
            using var count = Bind(c.Command(tx, $"SELECT COUNT(*) FROM todos t {where};"));
            var total = (int)(count.ScalarLong() ?? 0);
            tx.Commit();
            return new TodoPage(todos, total);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Todo> ApplyInboundAsync(long todoId, long expectedRevision, CalendarItem content, SyncLink link, CancellationToken cancellationToken)
    {
        ValidateContent(content);
        ValidateTodoLink(link, content.Kind);
        if (link.LeadingId != todoId)
        {
            throw new LeadingValidationException($"The link names to-do {link.LeadingId}, but the change is for to-do {todoId}.");
        }

        return db.WriteAsync((c, tx) =>
        {
            using (var read = c.Command(tx, "SELECT revision FROM todos WHERE id = $id;").With("$id", todoId))
            {
                var actual = read.ScalarLong()
                    ?? throw new LeadingConcurrencyException($"To-do {todoId} was deleted since it was read; the external change was not applied.");
                if (actual != expectedRevision)
                {
                    throw new LeadingConcurrencyException(
                        $"To-do {todoId} changed since it was read (revision {actual}, expected {expectedRevision}); read it again, the leading change wins.");
                }
            }

            var now = Now();
            using (var update = c.Command(tx, $"UPDATE todos SET {ContentAssignments}, modified_at = $now, revision = revision + 1 WHERE id = $id AND revision = $expected;"))
            {
                BindContent(update, content).With("$now", now).With("$id", todoId).With("$expected", expectedRevision);
                update.ExecuteNonQuery();
            }

            UpsertLink(c, tx, link with { LeadingRevision = expectedRevision + 1 }, now);
            return ReadTodo(c, tx, todoId)!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Todo> ImportTodoAsync(TodoDraft draft, SyncLink link, CancellationToken cancellationToken)
    {
        ValidateDraft(draft);
        ValidateTodoLink(link, draft.Content.Kind);
        return db.WriteAsync((c, tx) =>
        {
            var todo = InsertTodo(c, tx, draft);
            UpsertLink(c, tx, link with { LeadingId = todo.Id, LeadingRevision = todo.Revision }, Now());
            return ReadTodo(c, tx, todo.Id)!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkExternallyDeletedAsync(long accountId, long todoId, CancellationToken cancellationToken) =>
        db.WriteAsync((c, tx) =>
        {
            var now = Now();
            using (var mark = c.Command(tx, "UPDATE todos SET externally_deleted = 1, modified_at = $now, revision = revision + 1 WHERE id = $id;")
                .With("$now", now).With("$id", todoId))
            {
                if (mark.ExecuteNonQuery() == 0)
                {
                    throw new LeadingValidationException($"To-do {todoId} does not exist, so it cannot be marked as deleted externally.");
                }
            }

            using var deactivate = c.Command(tx, """
                UPDATE links SET active = 0, inactive_reason = 'deleted externally', updated_at = $now
                WHERE account_id = $account AND leading_id = $id AND kind IN ('Appointment', 'Task');
                """).With("$now", now).With("$account", accountId).With("$id", todoId);
            deactivate.ExecuteNonQuery();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task ClearExternallyDeletedAsync(long todoId, CancellationToken cancellationToken) =>
        db.WriteAsync((c, tx) =>
        {
            using var clear = c.Command(tx, "UPDATE todos SET externally_deleted = 0, modified_at = $now, revision = revision + 1 WHERE id = $id AND externally_deleted = 1;")
                .With("$now", Now()).With("$id", todoId);
            if (clear.ExecuteNonQuery() == 0)
            {
                using var exists = c.Command(tx, "SELECT id FROM todos WHERE id = $id;").With("$id", todoId);
                if (exists.ScalarLong() is null)
                {
                    throw new LeadingValidationException($"To-do {todoId} does not exist, so its mark cannot be cleared.");
                }
            }

            return true;
        }, cancellationToken);

    private Todo InsertTodo(SqliteConnection c, SqliteTransaction tx, TodoDraft draft)
    {
        EnsureUserExists(c, tx, draft.ResponsibleUserId, "a to-do needs an existing responsible user");
        using var insert = c.Command(tx, """
            INSERT INTO todos (id, kind, subject, start_at, start_utc_ticks, end_at, end_utc_ticks, all_day, time_zone, description,
                               description_format, location, priority, show_as, status, reminder_at, is_private, is_recurring,
                               source_tag, project_number, project_name, responsible_user_id, created_at, modified_at, revision,
                               externally_deleted)
            VALUES ((SELECT MAX((SELECT value FROM id_high_water WHERE name = 'todos'), COALESCE((SELECT MAX(id) FROM todos), 0)) + 1),
                    $kind, $subject, $start, $startTicks, $end, $endTicks, $allDay, $tz, $description, $descriptionFormat, $location,
                    $priority, $showAs, $status, $reminder, $private, $recurring, $sourceTag, $projectNumber, $projectName, $user,
                    $now, $now, 1, 0)
            RETURNING id;
            """);
        BindContent(insert, draft.Content).With("$projectNumber", draft.ProjectNumber).With("$projectName", draft.ProjectName)
            .With("$user", draft.ResponsibleUserId).With("$now", Now());
        var id = insert.ScalarLong()!.Value;
        return ReadTodo(c, tx, id)!;
    }

    private static SqliteCommand BindContent(SqliteCommand command, CalendarItem content) =>
        command.With("$kind", content.Kind)
            .With("$subject", content.Subject ?? string.Empty)
            .With("$start", content.Start)
            .With("$startTicks", content.Start?.UtcTicks)
            .With("$end", content.End)
            .With("$endTicks", content.End?.UtcTicks)
            .With("$allDay", content.IsAllDay)
            .With("$tz", content.TimeZoneId)
            .With("$description", content.Description)
            .With("$descriptionFormat", content.DescriptionFormat)
            .With("$location", content.Location)
            .With("$priority", content.Priority)
            .With("$showAs", content.ShowAs)
            .With("$status", content.Status)
            .With("$reminder", content.Reminder)
            .With("$private", content.IsPrivate)
            .With("$recurring", content.IsRecurring)
            .With("$sourceTag", content.SourceTag);

    private static Todo? ReadTodo(SqliteConnection c, SqliteTransaction? tx, long id)
    {
        using var select = c.Command(tx, $"{TodoSelect} WHERE t.id = $id;").With("$id", id);
        return ReadTodos(select).FirstOrDefault();
    }

    private static List<Todo> ReadTodos(SqliteCommand command)
    {
        var todos = new List<Todo>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var content = new CalendarItem
            {
                Kind = reader.Enum<TodoKind>("kind"),
                Subject = reader.RequiredText("subject"),
                Start = reader.Time("start_at"),
                End = reader.Time("end_at"),
                IsAllDay = reader.Bool("all_day"),
                TimeZoneId = reader.Text("time_zone"),
                Description = reader.Text("description"),
                DescriptionFormat = reader.Enum<DescriptionFormat>("description_format"),
                Location = reader.Text("location"),
                Priority = reader.Enum<Priority>("priority"),
                ShowAs = reader.Enum<ShowAs>("show_as"),
                Status = reader.Enum<TodoStatus>("status"),
                Reminder = reader.Time("reminder_at"),
                IsPrivate = reader.Bool("is_private"),
                IsRecurring = reader.Bool("is_recurring"),
                SourceTag = reader.Text("source_tag"),
            };
            todos.Add(new Todo
            {
                Id = reader.Long("id"),
                ResponsibleUserId = reader.Long("responsible_user_id"),
                Content = content,
                ProjectNumber = reader.Text("project_number"),
                ProjectName = reader.Text("project_name"),
                CreatedAt = reader.RequiredTime("created_at"),
                ModifiedAt = reader.RequiredTime("modified_at"),
                Revision = reader.Long("revision"),
                ExternallyDeleted = reader.Bool("externally_deleted"),
                SyncActive = reader.Bool("sync_active"),
            });
        }

        return todos;
    }

    private static void ValidateDraft(TodoDraft draft)
    {
        if (draft.Content is null)
        {
            throw new LeadingValidationException("A to-do needs content; the draft had none.");
        }

        ValidateContent(draft.Content);
    }

    private static void ValidateContent(CalendarItem content)
    {
        if (!Enum.IsDefined(content.Kind))
        {
            throw new LeadingValidationException($"The kind {(int)content.Kind} is not a to-do kind; use Appointment or Task.");
        }

        if (!Enum.IsDefined(content.Priority))
        {
            throw new LeadingValidationException($"The priority {(int)content.Priority} is unknown; use Low, Normal or High.");
        }

        if (!Enum.IsDefined(content.ShowAs))
        {
            throw new LeadingValidationException($"The show-as value {(int)content.ShowAs} is unknown; use Free, Tentative, Busy or OutOfOffice.");
        }

        if (!Enum.IsDefined(content.Status))
        {
            throw new LeadingValidationException($"The task status {(int)content.Status} is unknown; use New, Started, Waiting, Deferred, Done or Cancelled.");
        }

        if (!Enum.IsDefined(content.DescriptionFormat))
        {
            throw new LeadingValidationException($"The description format {(int)content.DescriptionFormat} is unknown; use PlainText or Html.");
        }

        if (content.Start is { } start && content.End is { } end && end < start)
        {
            throw new LeadingValidationException($"The to-do ends ({Db.FormatTime(end)}) before it starts ({Db.FormatTime(start)}); the end must not lie before the start.");
        }

        if (content.TimeZoneId is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw new LeadingValidationException($"The time zone '{zone}' is unknown; use an IANA id such as 'Europe/Berlin'.");
        }
    }

    private static void ValidateTodoLink(SyncLink link, TodoKind kind)
    {
        ValidateLink(link);
        var expected = kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment;
        if (link.Kind != expected)
        {
            throw new LeadingValidationException($"A link of kind {link.Kind} cannot relate a to-do of kind {kind}; use {expected}.");
        }
    }
}
