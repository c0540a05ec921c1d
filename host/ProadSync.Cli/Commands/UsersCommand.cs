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

        var pwDb = new Argument<string>("DB") { Description = "The database." };
        var pwLogin = new Argument<string>("LOGIN") { Description = "The user." };
        var setPassword = new Command("set-password", "Set a user's web sign-in password (read from standard input; stored as a standard hash).") { pwDb, pwLogin };
        CliApp.SetHandler(setPassword, environment, async (ctx, parse, ct) =>
        {
            var password = (await ctx.Environment.In.ReadLineAsync(ct))?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password))
            {
                throw new CliException("Give the password on standard input, for example: echo \"$PW\" | proadsync users set-password DB LOGIN.");
            }

            await ctx.Services.Users.SetPasswordAsync(parse.GetValue(pwDb)!, parse.GetValue(pwLogin)!, password, ct);
            ctx.Output.Emit(new { login = parse.GetValue(pwLogin), passwordSet = true }, c => c.WriteLine($"The web password of '{parse.GetValue(pwLogin)}' was set."));
        });
        command.Subcommands.Add(setPassword);

        var adminDb = new Argument<string>("DB") { Description = "The database." };
        var adminLogin = new Argument<string>("LOGIN") { Description = "The user." };
        var adminValue = new Argument<string>("ADMIN") { Description = "true | false." };
        var setAdmin = new Command("set-admin", "Grant or take away the admin role (server manager, every account) in the web UI.") { adminDb, adminLogin, adminValue };
        CliApp.SetHandler(setAdmin, environment, async (ctx, parse, ct) =>
        {
            var value = ValueParser.ParseBool(parse.GetValue(adminValue)!, "ADMIN");
            await ctx.Services.Users.SetAdminAsync(parse.GetValue(adminDb)!, parse.GetValue(adminLogin)!, value, ct);
            ctx.Output.Emit(new { login = parse.GetValue(adminLogin), isAdmin = value }, c => c.WriteLine($"'{parse.GetValue(adminLogin)}' is {(value ? "now an admin" : "no longer an admin")}."));
        });
        command.Subcommands.Add(setAdmin);
        return command;
    }
}
