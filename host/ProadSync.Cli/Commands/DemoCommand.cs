using System.CommandLine;
using System.Globalization;
using ProadSync.Abstractions.Models;
using ProadSync.Cli.Output;
using ProadSync.Core.Leading;
using ProadSync.Hosting;
using ProadSync.Hosting.Accounts;
using ProadSync.Hosting.Runs;
using Spectre.Console;

namespace ProadSync.Cli.Commands;

/// <summary>
/// <c>demo</c>: a self-contained walk through the product on the embedded defaults — a home folder, a database, a
/// user, realistic appointments and tasks (with the edge cases), an account on the vdir plugin, a run, and a second
/// run that changes nothing.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var dir = new Option<string?>("--dir") { Description = "Folder for the demo's home (default: a new temporary folder)." };
        var command = new Command("demo", "Walk through the product on the embedded defaults (SQLite + vdir folder).") { dir };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dir) ?? parse.GetValue(GlobalOptions.Home)
                ?? Path.Combine(Path.GetTempPath(), "proadsync-demo-" + environment.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var args = new List<string> { "--home", folder };
            if (parse.GetValue(GlobalOptions.Json))
            {
                args.Add("--json");
            }

            // The demo is its own home: run the body with a context for that folder.
            var inner = new Command("demo-body");
            inner.Options.Add(GlobalOptions.Home);
            inner.Options.Add(GlobalOptions.Json);
            CliApp.SetHandler(inner, environment, (ctx, _, token) => RunAsync(ctx, token));
            return await inner.Parse(args).InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error }, ct);
        });
        return command;
    }

    private static async Task RunAsync(CliContext ctx, CancellationToken ct)
    {
        var services = ctx.Services;
        var output = ctx.Output;
        const string database = "demo";
        if (await services.Catalog.FindDatabaseAsync(database, ct) is not null)
        {
            throw new CliException($"The folder {ctx.Home.Root} already holds a demo; run the demo with another --dir (or delete that folder).");
        }

        await services.Licensing.InstallDevelopmentLicenceAsync(ct);
        var info = await services.Catalog.AddDatabaseAsync(database, null, "Europe/Berlin", ct);
        await using var store = await services.Catalog.OpenAsync(database, ct);
        var anna = await store.AddUserAsync("anna", "Anna Berger", mayConfigureSync: true, ct);
        await store.AddUserAsync("ben", "Ben Otto", mayConfigureSync: false, ct);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(info.TimeZoneId);
        var now = ctx.Time.GetUtcNow();
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        DateTimeOffset At(int days, int hour, int minute = 0)
        {
            var local = DateTime.SpecifyKind(today.AddDays(days).AddHours(hour).AddMinutes(minute), DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var samples = new (string Note, CalendarItem Item, string? Job)[]
        {
            ("appointment with location, high priority and a reminder before it starts",
                new CalendarItem { Kind = TodoKind.Appointment, Subject = "Kick-off relaunch Müller GmbH", Start = At(1, 10), End = At(1, 11, 30), TimeZoneId = zone.Id, Location = "Meeting room Elbe", Priority = Priority.High, Description = "Agenda:\n- goals\n- budget\n- timeline", Reminder = At(1, 9, 45) }, "J-2026-041"),
            ("all-day appointment shown as out of office",
                new CalendarItem { Kind = TodoKind.Appointment, Subject = "Trade fair dmexco", Start = At(7, 0), End = At(9, 0), IsAllDay = true, TimeZoneId = zone.Id, ShowAs = ShowAs.OutOfOffice }, null),
            ("appointment with an empty subject (written out as \".\", R-COND-2)",
                new CalendarItem { Kind = TodoKind.Appointment, Subject = "", Start = At(2, 14), End = At(2, 15), TimeZoneId = zone.Id, ShowAs = ShowAs.Tentative }, null),
            ("appointment whose reminder lies in the past (not sent, R-APT-4)",
                new CalendarItem { Kind = TodoKind.Appointment, Subject = "Review print proofs", Start = At(0, 23), End = At(0, 23, 30), TimeZoneId = zone.Id, Reminder = now.AddHours(-2), Priority = Priority.Low }, "J-2026-038"),
            ("appointment three months ago (inside the ±12-month window)",
                new CalendarItem { Kind = TodoKind.Appointment, Subject = "Quarterly review", Start = At(-90, 9), End = At(-90, 10), TimeZoneId = zone.Id }, null),
            ("task with a due date, started",
                new CalendarItem { Kind = TodoKind.Task, Subject = "Send offer to Müller GmbH", Start = At(0, 9), End = At(5, 17), TimeZoneId = zone.Id, Status = TodoStatus.Started, Priority = Priority.High }, "J-2026-041"),
            ("task waiting for someone (kept through the round trip, D-6)",
                new CalendarItem { Kind = TodoKind.Task, Subject = "Wait for photo approval", End = At(3, 12), TimeZoneId = zone.Id, Status = TodoStatus.Waiting }, "J-2026-038"),
            ("task without a due date (not synchronised, R-COND-5)",
                new CalendarItem { Kind = TodoKind.Task, Subject = "Someday: tidy the asset archive", Status = TodoStatus.New }, null),
        };

        foreach (var (_, item, job) in samples)
        {
            await store.AddTodoAsync(new TodoDraft(anna.Id, item) { ProjectNumber = job }, ct);
        }

        await store.AddContactAsync(new ContactData { FirstName = "Jana", LastName = "Müller", Company = "Müller GmbH", Function = "Head of Marketing", Email1 = "jana.mueller@example.com", Phone1 = "+49 40 1234567", City = "Hamburg", Country = "Germany" }, active: true, ct);

        var calendarFolder = Path.Combine(ctx.Home.Root, "calendars", "anna");
        await services.Accounts.SetAsync(database, "anna", new AccountChange
        {
            PluginId = "vdir",
            Url = calendarFolder,
            Mode = SyncMode.TwoWay,
            Enabled = true,
        }, ct);

        output.Line($"ProadSync demo — home folder {ctx.Home.Root}");
        output.Line($"Database '{database}' (SQLite, time zone {info.TimeZoneId}) with user anna and {samples.Length} to-dos:");
        if (!output.IsJson)
        {
            var table = CliOutput.Table("#", "kind", "subject", "what it shows");
            var i = 1;
            foreach (var (note, item, _) in samples)
            {
                table.AddRow(CliOutput.Cells(i++, item.Kind, item.Subject.Length == 0 ? "(empty)" : item.Subject, note));
            }

            output.Console.Write(table);
        }

        output.Line("Account: anna → vdir folder (two-way), the layout khal, todoman and vdirsyncer read.");
        var test = await services.Accounts.TestAsync(database, "anna", ct);
        output.Line("Test (Prüfen):");
        foreach (var step in test.Steps)
        {
            output.Line($"  {step.Outcome.ToString().ToLowerInvariant(),-7} {step.Name}: {step.Message}");
        }

        if (!test.Succeeded)
        {
            throw new CliException("The demo account's connection test failed; see the steps above.");
        }
        output.Line("");
        output.Line("First run:");
        var first = await services.Sync.RunAsync(new SyncRequest { Database = database }, ct);
        if (!output.IsJson)
        {
            SyncCommand.Render(output.Console, first);
        }

        output.Line("");
        output.Line("Second run (nothing changed on either side, so nothing is written):");
        var second = await services.Sync.RunAsync(new SyncRequest { Database = database }, ct);
        if (!output.IsJson)
        {
            SyncCommand.Render(output.Console, second);
        }

        var files = Directory.Exists(calendarFolder)
            ? Directory.GetFiles(calendarFolder, "*.ics", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        output.Line("");
        output.Line($"{files.Count} iCalendar file(s) in {calendarFolder}:");
        foreach (var file in files)
        {
            output.Line("  " + Path.GetRelativePath(calendarFolder, file));
        }

        var secondChanges = second.Sum(r => r.Report?.Changes ?? 0);
        output.Line("");
        output.Line(secondChanges == 0 ? "The second run changed nothing: the sync is idempotent." : $"Unexpected: the second run made {secondChanges} change(s).");
        output.Line($"Try: proadsync --home {ctx.Home.Root} todos list {database}");
        output.Emit(
            new
            {
                home = ctx.Home.Root,
                database,
                calendarFolder,
                files = files.Select(f => Path.GetRelativePath(calendarFolder, f)).ToList(),
                firstRun = first.Select(SyncCommand.ToJson).ToList(),
                secondRun = second.Select(SyncCommand.ToJson).ToList(),
                secondRunChanges = secondChanges,
            },
            _ => { });
        if (first.Any(r => r.Outcome is "failed" or "refused") || secondChanges != 0)
        {
            throw new CliException("The demo did not run cleanly; see the messages above and the log under the home folder.");
        }
    }
}
