using System.CommandLine;
using ProadSync.Cli.Output;

namespace ProadSync.Cli.Commands;

/// <summary><c>databases add|list|enable|disable</c>: the leading-system databases and the server manager (SPEC §1).</summary>
internal static class DatabasesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("databases", "Leading-system databases (tenants) and their interfaces.");

        var name = new Argument<string>("NAME") { Description = "The database's name (letters, digits, '-', '_')." };
        var connection = new Option<string?>("--connection") { Description = "Connection string; default: a new SQLite file under the home folder." };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone that times without offset are read in (default: the host's)." };
        var add = new Command("add", "Register a leading-system database.") { name, connection, timeZone };
        CliApp.SetHandler(add, environment, async (ctx, parse, ct) =>
        {
            var zone = parse.GetValue(timeZone);
            if (zone is not null)
            {
                Parsing.ValueParser.FindTimeZone(zone);
            }

            var info = await ctx.Services.Catalog.AddDatabaseAsync(parse.GetValue(name)!, parse.GetValue(connection), zone, ct);
            ctx.Output.Emit(
                new { name = info.Name, provider = info.Provider, timeZone = info.TimeZoneId },
                c => c.WriteLine($"Database '{info.Name}' added ({info.Provider}, time zone {info.TimeZoneId})."));
        });
        command.Subcommands.Add(add);

        var list = new Command("list", "List the databases and, per interface, whether it is licensed, enabled and green.");
        CliApp.SetHandler(list, environment, async (ctx, _, ct) =>
        {
            var pluginInterfaces = ctx.Services.Plugins.Plugins.Select(p => p.Manifest?.Interface).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
            var rows = await ctx.Services.Licensing.ListDatabaseInterfacesAsync(pluginInterfaces, ct);
            ctx.Output.Emit(rows, c =>
            {
                if (rows.Count == 0)
                {
                    c.WriteLine("No databases yet; add one with 'proadsync databases add NAME'.");
                    return;
                }

                var table = CliOutput.Table("database", "provider", "time zone", "interface", "licensed", "enabled", "green");
                foreach (var db in rows)
                {
                    foreach (var i in db.Interfaces)
                    {
                        table.AddRow(CliOutput.Cells(db.Name, db.Provider, db.TimeZone, i.Interface, i.Licensed, i.Enabled, i.Green ? "● green" : "-"));
                    }
                }

                c.Write(table);
            });
        });
        command.Subcommands.Add(list);

        foreach (var (verb, enable) in new[] { ("enable", true), ("disable", false) })
        {
            var dbArg = new Argument<string>("NAME") { Description = "The database." };
            var interfaceArg = new Argument<string>("INTERFACE") { Description = "The interface (caldav, exchange, …)." };
            var toggle = new Command(verb, enable
                ? "Switch on \"Synchronisation/Export\" for an interface of a database (only where licensed, SPEC R-SM-2)."
                : "Switch off \"Synchronisation/Export\" for an interface of a database.") { dbArg, interfaceArg };
            CliApp.SetHandler(toggle, environment, async (ctx, parse, ct) =>
            {
                var state = await ctx.Services.Licensing.SetEnabledAsync(parse.GetValue(dbArg)!, parse.GetValue(interfaceArg)!, enable, ct);
                ctx.Output.Emit(state, c => c.WriteLine(
                    $"Interface '{state.Interface}' of database '{state.Database}' is now {(state.Enabled ? "enabled" : "disabled")}{(state.Green ? " (green)" : "")}."));
            });
            command.Subcommands.Add(toggle);
        }

        var mapperDb = new Argument<string>("NAME") { Description = "The database." };
        var mapperId = new Argument<string>("MAPPER") { Description = "The field mapper: default, privacy, jobprefix, or a plugin's mapper id." };
        var mapperOption = new Option<string[]>("--option") { Description = "Mapper option KEY=VALUE (repeatable), e.g. subject=\"Job {number}\"." };
        var setMapper = new Command("set-mapper", "Choose how leading fields become external fields for a database (the field-mapper plugin and its options).") { mapperDb, mapperId, mapperOption };
        CliApp.SetHandler(setMapper, environment, async (ctx, parse, ct) =>
        {
            var database = await ctx.Services.Catalog.FindDatabaseAsync(parse.GetValue(mapperDb)!, ct)
                ?? throw new CliException($"There is no database '{parse.GetValue(mapperDb)}'.");
            var id = parse.GetValue(mapperId)!.Trim().ToLowerInvariant();
            if (id != "default" && ctx.Services.Plugins.FindFieldMapper(id) is null)
            {
                throw new CliException($"There is no active field mapper '{id}'; 'proadsync plugins list' shows the mappers.");
            }

            var options = Parsing.ValueParser.ParseKeyValues(parse.GetValue(mapperOption), "--option");

            var key = database.Name.ToLowerInvariant();
            await ctx.Services.Catalog.SetSettingAsync($"mapper:{key}", id == "default" ? null : id, ct);
            await ctx.Services.Catalog.SetSettingAsync($"mapper-options:{key}", options.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(options), ct);
            ctx.Output.Emit(new { database = database.Name, mapper = id, options }, c => c.WriteLine($"Database '{database.Name}' now maps fields with '{id}'."));
        });
        command.Subcommands.Add(setMapper);

        return command;
    }
}
