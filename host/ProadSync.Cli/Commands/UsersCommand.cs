using System.CommandLine;
using ProadSync.Cli.Output;
using ProadSync.Cli.Parsing;

namespace ProadSync.Cli.Commands;

/// <summary><c>users add|list</c>: users of a database.</summary>
internal static class UsersCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("users", "Users of a leading-system database.");

        var db = new Argument<string>("DB") { Description = "The database." };
        var login = new Argument<string>("LOGIN") { Description = "The user's login." };
        var displayName = new Option<string?>("--display-name") { Description = "The name shown to people." };
        var mayConfigure = new Option<string?>("--may-configure-sync") { Description = "The right \"may configure synchronisation\" (true|false, default true)." };
        var add = new Command("add", "Add a user to a database.") { db, login, displayName, mayConfigure };
        CliApp.SetHandler(add, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            var may = parse.GetValue(mayConfigure) is { } text ? ValueParser.ParseBool(text, "--may-configure-sync") : true;
            var loginValue = parse.GetValue(login)!;
            var user = await store.AddUserAsync(loginValue, parse.GetValue(displayName) ?? loginValue, may, ct);
            ctx.Output.Emit(
                new { id = user.Id, login = user.Login, displayName = user.DisplayName, mayConfigureSync = user.MayConfigureSync },
                c => c.WriteLine($"User '{user.Login}' added to '{store.Database.Name}' (may configure synchronisation: {CliOutput.Format(user.MayConfigureSync)})."));
        });
        command.Subcommands.Add(add);

        var listDb = new Argument<string>("DB") { Description = "The database." };
        var list = new Command("list", "List the users of a database.") { listDb };
        CliApp.SetHandler(list, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(listDb)!, ct);
            var users = await store.ListUsersAsync(ct);
            var rows = users.Select(u => new { id = u.Id, login = u.Login, displayName = u.DisplayName, mayConfigureSync = u.MayConfigureSync }).ToList();
            ctx.Output.Emit(rows, c =>
            {
                var table = CliOutput.Table("id", "login", "display name", "may configure sync");
                foreach (var u in users)
                {
                    table.AddRow(CliOutput.Cells(u.Id, u.Login, u.DisplayName, u.MayConfigureSync));
                }

                c.Write(table);
            });
        });
        command.Subcommands.Add(list);
        return command;
    }
}
