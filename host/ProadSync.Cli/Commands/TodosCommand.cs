using System.CommandLine;
using ProadSync.Abstractions.Models;
using ProadSync.Cli.Output;
using ProadSync.Cli.Parsing;
using ProadSync.Core.Leading;
using ProadSync.Formats;

namespace ProadSync.Cli.Commands;

/// <summary><c>todos add|update|delete|list|show|import</c>: appointments and tasks of the leading store.</summary>
internal static class TodosCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("todos", "Appointments and tasks (to-dos) of the leading system.");
        command.Subcommands.Add(Add(environment));
        command.Subcommands.Add(Update(environment));
        command.Subcommands.Add(Delete(environment));
        command.Subcommands.Add(List(environment));
        command.Subcommands.Add(Show(environment));
        command.Subcommands.Add(Import(environment));
        return command;
    }

    private static Command Add(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var kind = new Option<string>("--kind") { Description = "appointment | task.", Required = true };
        var responsible = new Option<string>("--responsible") { Description = "The responsible user's login.", Required = true };
        var fields = new TodoOptions();
        var command = new Command("add", "Create a to-do; prints its id.") { db, kind, responsible };
        fields.AddTo(command);
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            var user = await CliContext.RequireUserAsync(store, parse.GetValue(responsible)!, ct);
            var zone = ValueParser.FindTimeZone(store.Database.TimeZoneId);
            var content = fields.Apply(parse, new CalendarItem { Kind = ValueParser.ParseKind(parse.GetValue(kind)!) }, zone);
            var todo = await store.AddTodoAsync(new TodoDraft(user.Id, content) { ProjectNumber = parse.GetValue(fields.ProjectNumber) }, ct);
            ctx.Output.Emit(new { id = todo.Id }, c => c.WriteLine(todo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
        return command;
    }

    private static Command Update(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var id = new Argument<long>("ID") { Description = "The to-do's id." };
        var responsible = new Option<string?>("--responsible") { Description = "A new responsible user's login." };
        var fields = new TodoOptions();
        var command = new Command("update", "Change a to-do; only the options given change.") { db, id, responsible };
        fields.AddTo(command);
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            var todo = await RequireTodoAsync(store, parse.GetValue(id), ct);
            var userId = parse.GetValue(responsible) is { } login ? (await CliContext.RequireUserAsync(store, login, ct)).Id : todo.ResponsibleUserId;
            var zone = ValueParser.FindTimeZone(store.Database.TimeZoneId);
            var content = fields.Apply(parse, todo.Content, zone);
            var draft = new TodoDraft(userId, content)
            {
                ProjectNumber = parse.GetValue(fields.ProjectNumber) ?? todo.ProjectNumber,
                ProjectName = todo.ProjectName,
            };
            var updated = await store.UpdateTodoAsync(todo.Id, draft, ct);
            ctx.Output.Emit(new { id = updated.Id, revision = updated.Revision }, c => c.WriteLine($"To-do {updated.Id} updated."));
        });
        return command;
    }

    private static Command Delete(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var id = new Argument<long>("ID") { Description = "The to-do's id." };
        var command = new Command("delete", "Delete a to-do (the next run deletes its external copies in one-way, two-way and full mode).") { db, id };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            var todoId = parse.GetValue(id);
            if (!await store.DeleteTodoAsync(todoId, ct))
            {
                throw new CliException($"There is no to-do {todoId} in database '{store.Database.Name}'.");
            }

            ctx.Output.Emit(new { id = todoId, deleted = true }, c => c.WriteLine($"To-do {todoId} deleted."));
        });
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var responsible = new Option<string?>("--responsible") { Description = "Only the to-dos of this user." };
        var limit = new Option<int?>("--limit") { Description = $"Show one page of at most this many to-dos (1–{TodoPageQuery.MaximumLimit}) and how many match; without it, all." };
        var offset = new Option<int?>("--offset") { Description = "Skip this many matching to-dos (by id) first; with --limit it pages (default page size 50)." };
        var command = new Command("list", "List to-dos with the columns \"sync active\" and \"externally deleted\".") { db, responsible, limit, offset };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            long? userId = parse.GetValue(responsible) is { } login ? (await CliContext.RequireUserAsync(store, login, ct)).Id : null;
            var logins = (await store.ListUsersAsync(ct)).ToDictionary(u => u.Id, u => u.Login);
            var filter = new TodoQuery { ResponsibleUserId = userId };
            if (parse.GetValue(limit) is null && parse.GetValue(offset) is null)
            {
                var views = (await store.ListTodosAsync(filter, ct)).Select(t => TodoView.Of(t, logins)).ToList();
                ctx.Output.Emit(views, c => c.Write(Table(views)));
                return;
            }

            // A page, paged in the store (the same query the web UI's overview uses), with the count of all matches.
            var query = new TodoPageQuery { Filter = filter, Offset = parse.GetValue(offset) ?? 0, Limit = parse.GetValue(limit) ?? new TodoPageQuery().Limit };
            var page = await store.ListTodoPageAsync(query, ct);
            var pageViews = page.Todos.Select(t => TodoView.Of(t, logins)).ToList();
            var next = query.Offset + pageViews.Count < page.TotalCount ? query.Offset + pageViews.Count : (int?)null;
            ctx.Output.Emit(new { todos = pageViews, total = page.TotalCount, offset = query.Offset, limit = query.Limit, nextOffset = next }, c =>
            {
                c.Write(Table(pageViews));
                c.WriteLine(pageViews.Count == 0
                    ? $"No to-dos at offset {query.Offset}; {page.TotalCount} match."
                    : $"To-dos {query.Offset + 1}–{query.Offset + pageViews.Count} of {page.TotalCount}." + (next is { } n ? $" Next page: --offset {n} --limit {query.Limit}." : string.Empty));
            });
        });
        return command;
    }

    private static Table Table(IReadOnlyList<TodoView> views)
    {
        var table = CliOutput.Table("id", "kind", "subject", "from", "to", "responsible", "status", "sync active", "externally deleted");
        foreach (var v in views)
        {
            table.AddRow(CliOutput.Cells(v.Id, v.Kind, v.Subject, v.From, v.To, v.Responsible, (object?)v.Status ?? v.ShowAs, v.SyncActive, v.ExternallyDeleted));
        }

        return table;
    }

    private static Command Show(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var id = new Argument<long>("ID") { Description = "The to-do's id." };
        var command = new Command("show", "Show a to-do, its sync state and the external versions the leading system overwrote.") { db, id };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            var todo = await RequireTodoAsync(store, parse.GetValue(id), ct);
            var logins = (await store.ListUsersAsync(ct)).ToDictionary(u => u.Id, u => u.Login);
            var view = TodoView.Of(todo, logins);
            var linkKind = todo.Kind == TodoKind.Appointment ? LinkKind.Appointment : LinkKind.Task;
            var links = (await store.ListLinksOfItemAsync(linkKind, todo.Id, ct))
                .Select(l => new { accountId = l.AccountId, identity = l.Identity, externalId = l.ExternalId, externalVersion = l.ExternalVersion, active = l.Active, inactiveReason = l.InactiveReason, updatedAt = l.UpdatedAt })
                .ToList();
            var journal = (await store.ListJournalAsync(todo.Id, ct))
                .Select(j => new { at = j.At, accountId = j.AccountId, reason = j.Reason, externalId = j.ExternalId, externalVersion = j.ExternalVersion, content = j.ContentJson })
                .ToList();
            ctx.Output.Emit(new { todo = view, links, journal }, c =>
            {
                var grid = CliOutput.Table("field", "value");
                foreach (var (key, value) in new (string, object?)[]
                {
                    ("id", view.Id), ("kind", view.Kind), ("subject", view.Subject), ("from", view.From), ("to", view.To), ("all day", view.AllDay),
                    ("time zone", view.TimeZone), ("comment", view.Comment), ("location", view.Location), ("priority", view.Priority),
                    ("show as", view.ShowAs), ("status", view.Status), ("reminder", view.Reminder), ("responsible", view.Responsible),
                    ("project", view.ProjectNumber), ("sync active", view.SyncActive), ("externally deleted", view.ExternallyDeleted),
                    ("revision", view.Revision), ("modified", view.ModifiedAt),
                })
                {
                    grid.AddRow(CliOutput.Cells(key, value));
                }

                c.Write(grid);
                foreach (var l in links)
                {
                    c.WriteLine($"link: account {l.accountId}, external id {l.externalId}, version {l.externalVersion}, {(l.active ? "active" : "inactive: " + l.inactiveReason)}");
                }

                c.WriteLine(journal.Count == 0 ? "journal: no external version was overwritten." : $"journal: {journal.Count} overwritten external version(s):");
                foreach (var j in journal)
                {
                    c.WriteLine($"  {CliOutput.Format(j.at)} {j.reason}: {j.content}");
                }
            });
        });
        return command;
    }

    private static Command Import(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var responsible = new Option<string>("--responsible") { Description = "The responsible user's login.", Required = true };
        var file = new Argument<FileInfo>("FILE") { Description = "An iCalendar file with VEVENT and VTODO components." };
        var command = new Command("import", "Bulk-load appointments and tasks from an iCalendar file into the leading store.") { db, responsible, file };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            var user = await CliContext.RequireUserAsync(store, parse.GetValue(responsible)!, ct);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"The file '{path.FullName}' does not exist.");
            }

            var text = await File.ReadAllTextAsync(path.FullName, ct);
            var result = IcsBulkReader.ReadAll(text);
            var imported = 0;
            foreach (var item in result.Items)
            {
                var content = item.Item with { Subject = string.IsNullOrWhiteSpace(item.Item.Subject) ? "." : item.Item.Subject, SourceTag = null, IsPrivate = false, IsRecurring = false };
                await store.AddTodoAsync(new TodoDraft(user.Id, content), ct);
                imported++;
            }

            ctx.Output.Emit(
                new { imported, skipped = result.Skipped.Select(s => new { uid = s.Uid, reason = s.Reason }).ToList() },
                c =>
                {
                    c.WriteLine($"{imported} to-do(s) imported, {result.Skipped.Count} skipped.");
                    foreach (var s in result.Skipped)
                    {
                        c.WriteLine($"  skipped {s.Uid ?? "(no UID)"}: {s.Reason}");
                    }
                });
        });
        return command;
    }

    private static async Task<Todo> RequireTodoAsync(ILeadingSystem store, long id, CancellationToken ct) =>
        await store.GetTodoAsync(id, ct) ?? throw new CliException($"There is no to-do {id} in database '{store.Database.Name}'.");
}
