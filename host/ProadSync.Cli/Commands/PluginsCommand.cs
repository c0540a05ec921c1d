using System.CommandLine;
using ProadSync.Cli.Output;

namespace ProadSync.Cli.Commands;

/// <summary><c>plugins list</c>: the installed plugins and their state.</summary>
internal static class PluginsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("plugins", "Installed plugins (calendar and contact backends, field mappers).");
        var db = new Option<string?>("--db") { Description = "Show the state for this database (licence and interface switch)." };
        var list = new Command("list", "List plugins with id, version, kinds, interface and state.") { db };
        CliApp.SetHandler(list, environment, async (ctx, parse, ct) =>
        {
            var database = parse.GetValue(db);
            if (database is not null && await ctx.Services.Catalog.FindDatabaseAsync(database, ct) is null)
            {
                throw new CliException($"There is no database '{database}'.");
            }

            var rows = ctx.Services.Plugins.Plugins
                .OrderBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => new
                {
                    id = p.Id,
                    name = p.Manifest?.Name,
                    version = p.Manifest?.Version,
                    kinds = p.Manifest?.Kinds.Select(k => CliOutput.Format(k)).ToList() ?? [],
                    @interface = p.Manifest?.Interface,
                    state = CliOutput.Format(ctx.Services.Plugins.StateFor(p.Id, database) ?? p.State),
                    reason = p.Reason,
                    directory = p.DirectoryPath,
                })
                .ToList();
            ctx.Output.Emit(rows, c =>
            {
                var table = CliOutput.Table("id", "version", "kinds", "interface", "state", "reason");
                foreach (var r in rows)
                {
                    table.AddRow(CliOutput.Cells(r.id, r.version, string.Join(", ", r.kinds), r.@interface ?? "(none)", r.state, r.reason));
                }

                c.Write(table);
            });
        });
        command.Subcommands.Add(list);
        return command;
    }
}
