using System.CommandLine;
using ProadSync.Cli.Output;
using ProadSync.Hosting.Runs;

namespace ProadSync.Cli.Commands;

/// <summary><c>sync run</c>: one run now for the matching enabled accounts.</summary>
internal static class SyncCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("sync", "Synchronisation runs.");
        var db = new Option<string?>("--db") { Description = "Only accounts of this database." };
        var user = new Option<string?>("--user") { Description = "Only this user's account." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan; change nothing on either side." };
        var allowMassDelete = new Option<bool>("--allow-mass-delete") { Description = "Confirm a run that the mass-delete circuit breaker stopped." };
        var run = new Command("run", "Run the matching enabled accounts once, now.") { db, user, dryRun, allowMassDelete };
        CliApp.SetHandler(run, environment, async (ctx, parse, ct) =>
        {
            var results = await ctx.Services.Sync.RunAsync(
                new SyncRequest { Database = parse.GetValue(db), Login = parse.GetValue(user), DryRun = parse.GetValue(dryRun), AllowMassDelete = parse.GetValue(allowMassDelete) },
                ct);
            ctx.Output.Emit(results.Select(ToJson).ToList(), c => Render(c, results));
            if (results.Count == 0)
            {
                ctx.Output.Line("No account matched; set one up with 'proadsync accounts set DB LOGIN --plugin ID …'.");
            }

            var failed = results.Where(r => r.Outcome is "failed" or "refused").ToList();
            if (failed.Count > 0)
            {
                throw new CliException(failed.Count == 1
                    ? $"The run of {failed[0].Login}@{failed[0].Database} {(failed[0].Outcome == "refused" ? "was stopped" : "failed")}: {failed[0].Message}"
                    : $"{failed.Count} account runs failed or were stopped; see above.");
            }
        });
        command.Subcommands.Add(run);
        return command;
    }

    internal static object ToJson(AccountRunResult r) => new
    {
        database = r.Database,
        user = r.Login,
        accountId = r.AccountId,
        outcome = r.Outcome,
        message = r.Message,
        createdOut = r.Report?.CreatedOut ?? 0,
        updatedOut = r.Report?.UpdatedOut ?? 0,
        deletedOut = r.Report?.DeletedOut ?? 0,
        updatedIn = r.Report?.UpdatedIn ?? 0,
        importedIn = r.Report?.ImportedIn ?? 0,
        markedDeletedIn = r.Report?.MarkedDeletedIn ?? 0,
        contactsCreated = r.Report?.ContactsCreated ?? 0,
        contactsUpdated = r.Report?.ContactsUpdated ?? 0,
        skipped = r.Report?.Skipped.Select(s => new { kind = s.Kind, leadingId = s.LeadingId, externalId = s.ExternalId, reason = s.Reason }).ToList() ?? [],
        failed = r.Report?.Failed.Select(f => new { kind = f.Kind, leadingId = f.LeadingId, externalId = f.ExternalId, message = f.Message }).ToList() ?? [],
        plan = r.Report?.Plan.Select(p => new { kind = p.Kind, leadingId = p.LeadingId, externalId = p.ExternalId, action = p.Action, reason = p.Reason }).ToList() ?? [],
        warnings = r.Report?.Warnings ?? [],
    };

    internal static void Render(Spectre.Console.IAnsiConsole c, IReadOnlyList<AccountRunResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        var table = CliOutput.Table("account", "outcome", "created out", "updated out", "deleted out", "updated in", "imported in", "marked deleted in", "contacts", "skipped", "failed");
        foreach (var r in results)
        {
            var p = r.Report;
            table.AddRow(CliOutput.Cells(
                $"{r.Login}@{r.Database}", r.Outcome, p?.CreatedOut, p?.UpdatedOut, p?.DeletedOut, p?.UpdatedIn, p?.ImportedIn, p?.MarkedDeletedIn,
                p is null ? null : $"{p.ContactsCreated}+{p.ContactsUpdated}", p?.Skipped.Count, p?.Failed.Count));
        }

        c.Write(table);
        foreach (var r in results)
        {
            if (r.Message is not null)
            {
                c.WriteLine($"{r.Login}@{r.Database}: {r.Message}");
            }

            foreach (var f in r.Report?.Failed ?? [])
            {
                c.WriteLine($"  failed {CliOutput.Format(f.Kind)} {f.LeadingId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? f.ExternalId}: {f.Message}");
            }

            foreach (var s in (r.Report?.Skipped ?? []).Take(20))
            {
                c.WriteLine($"  skipped {CliOutput.Format(s.Kind)} {s.LeadingId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? s.ExternalId}: {s.Reason}");
            }

            if (r.Report is { DryRun: true } dry)
            {
                c.WriteLine($"  plan ({dry.Plan.Count} step(s), nothing was changed):");
                foreach (var step in dry.Plan)
                {
                    c.WriteLine($"    {CliOutput.Format(step.Action)} {CliOutput.Format(step.Kind)} {step.LeadingId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? step.ExternalId}: {step.Reason}");
                }
            }

            foreach (var w in r.Report?.Warnings ?? [])
            {
                c.WriteLine($"  warning: {w}");
            }
        }
    }
}
