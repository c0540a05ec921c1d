using System.CommandLine;
using ProadSync.Abstractions.Models;
using ProadSync.Cli.Output;
using ProadSync.Cli.Parsing;
using ProadSync.Hosting.Accounts;
using Spectre.Console;

namespace ProadSync.Cli.Commands;

/// <summary><c>accounts set|show|test|rebind|reset</c>: a user's sync account (SPEC §2).</summary>
internal static class AccountsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("accounts", "Users' sync accounts (\"My account → CalDAV/Exchange synchronisation\").");
        command.Subcommands.Add(Set(environment));
        command.Subcommands.Add(Show(environment));
        command.Subcommands.Add(Test(environment));
        command.Subcommands.Add(Rebind(environment));
        command.Subcommands.Add(Reset(environment));
        return command;
    }

    private static Command Set(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var login = new Argument<string>("LOGIN") { Description = "The user." };
        var plugin = new Option<string?>("--plugin") { Description = "Calendar plugin: vdir, caldav, exchange, graph, …" };
        var profile = new Option<string?>("--profile") { Description = "Plugin profile (caldav: auto, generic, davical, baikal, radicale, xandikos)." };
        var url = new Option<string?>("--url") { Description = "Server URL, Exchange endpoint, or folder (vdir)." };
        var username = new Option<string?>("--username") { Description = "Login at the server." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (first line)." };
        var passwordEnv = new Option<string?>("--password-env") { Description = "Read the password from this environment variable." };
        var mode = new Option<string?>("--mode") { Description = "export | one-way | two-way | full." };
        var exportContacts = new Option<string?>("--export-contacts") { Description = "true | false." };
        var enabled = new Option<string?>("--enabled") { Description = "\"Enable synchronisation\": true | false." };
        var cutoff = new Option<string?>("--cutoff") { Description = "Cutoff date YYYY-MM-DD (empty text removes it)." };
        var option = new Option<string[]>("--option") { Description = "Plugin option KEY=VALUE (repeatable; KEY= removes it).", AllowMultipleArgumentsPerToken = false };
        var contactPlugin = new Option<string?>("--contact-plugin") { Description = "Contact plugin when it differs (for example carddav)." };
        var command = new Command("set", "Create or change a user's sync account.")
        {
            db, login, plugin, profile, url, username, passwordStdin, passwordEnv, mode, exportContacts, enabled, cutoff, option, contactPlugin,
        };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            if (parse.GetValue(passwordStdin) && parse.GetValue(passwordEnv) is not null)
            {
                throw new CliException("Give either --password-stdin or --password-env, not both.");
            }

            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                password = (await ctx.Environment.In.ReadLineAsync(ct))?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password))
                {
                    throw new CliException("--password-stdin was given but standard input held no password.");
                }
            }
            else if (parse.GetValue(passwordEnv) is { } variable)
            {
                password = ctx.Environment.GetVariable(variable);
                if (string.IsNullOrEmpty(password))
                {
                    throw new CliException($"--password-env names the variable '{variable}', which is not set or empty.");
                }
            }

            var urlValue = parse.GetValue(url);
            var pluginValue = parse.GetValue(plugin);
            if (urlValue is not null && !urlValue.Contains("://", StringComparison.Ordinal) && urlValue.Length > 0)
            {
                // A folder (vdir): keep it absolute so runs from any working directory (serve) find it.
                urlValue = Path.GetFullPath(urlValue);
            }

            var options = ValueParser.ParseKeyValues(parse.GetValue(option), "--option", StringComparer.OrdinalIgnoreCase);

            var cutoffText = parse.GetValue(cutoff);
            var change = new AccountChange
            {
                PluginId = pluginValue,
                Profile = parse.GetValue(profile),
                Url = urlValue,
                UserName = parse.GetValue(username),
                Password = password,
                Mode = parse.GetValue(mode) is { } m ? ValueParser.ParseMode(m) : null,
                ExportContacts = parse.GetValue(exportContacts) is { } e ? ValueParser.ParseBool(e, "--export-contacts") : null,
                Enabled = parse.GetValue(enabled) is { } en ? ValueParser.ParseBool(en, "--enabled") : null,
                Cutoff = cutoffText is { Length: > 0 } ? ValueParser.ParseDate(cutoffText, "--cutoff") : null,
                ClearCutoff = cutoffText is { Length: 0 },
                Options = options,
                ContactPluginId = parse.GetValue(contactPlugin),
            };
            if (pluginValue is not null && ctx.Services.Plugins.StateFor(pluginValue.Trim().ToLowerInvariant(), null) is null)
            {
                throw new CliException($"There is no plugin '{pluginValue}'; 'proadsync plugins list' shows the installed ones.");
            }

            var view = await ctx.Services.Accounts.SetAsync(parse.GetValue(db)!, parse.GetValue(login)!, change, ct);
            ctx.Output.Emit(view, c => c.WriteLine($"Account of '{view.Login}' saved ({view.Plugin}, {view.Mode}, synchronisation {(view.Enabled ? "enabled" : "off")}). Check it with 'proadsync accounts test {view.Database} {view.Login}'."));
        });
        return command;
    }

    private static Command Show(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var login = new Argument<string>("LOGIN") { Description = "The user." };
        var command = new Command("show", "Show a user's account (never the password).") { db, login };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var view = await ctx.Services.Accounts.ShowAsync(parse.GetValue(db)!, parse.GetValue(login)!, ct);
            ctx.Output.Emit(view, c =>
            {
                var table = CliOutput.Table("field", "value");
                foreach (var (key, value) in new (string, object?)[]
                {
                    ("enabled", view.Enabled), ("plugin", view.Plugin), ("contact plugin", view.ContactPlugin), ("profile", view.Profile), ("url", view.Url),
                    ("username", view.Username), ("password", view.HasPassword ? "(stored, encrypted)" : "(none)"), ("mode", view.Mode),
                    ("export contacts", view.ExportContacts), ("cutoff", view.Cutoff), ("consecutive failures", view.ConsecutiveFailures),
                    ("last error", view.LastError), ("last run", view.LastRunAt), ("bound since", view.BoundAt), ("disabled reason", view.DisabledReason),
                })
                {
                    table.AddRow(CliOutput.Cells(key, value));
                }

                c.Write(table);
            });
        });
        return command;
    }

    private static Command Test(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var login = new Argument<string>("LOGIN") { Description = "The user." };
        var command = new Command("test", "\"Test\": connect and log in, and say what worked and what did not.") { db, login };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var report = await ctx.Services.Accounts.TestAsync(parse.GetValue(db)!, parse.GetValue(login)!, ct);
            var steps = report.Steps.Select(s => new { name = s.Name, outcome = s.Outcome, message = s.Message }).ToList();
            ctx.Output.Emit(new { succeeded = report.Succeeded, authenticationFailed = report.AuthenticationFailed, steps }, c =>
            {
                foreach (var step in report.Steps)
                {
                    var mark = step.Outcome switch { TestOutcome.Passed => "ok  ", TestOutcome.Failed => "FAIL", TestOutcome.Warning => "warn", _ => "skip" };
                    c.WriteLine($"{mark} {step.Name}: {step.Message}");
                }

                c.WriteLine(report.Succeeded ? "The connection works." : "The connection does not work; see the failed step above.");
            });
            if (!report.Succeeded)
            {
                throw new CliException(report.AuthenticationFailed
                    ? "The server refused the user name or password; re-enter them with 'accounts set … --username U --password-stdin'."
                    : "The connection test failed: " + report.Steps.First(s => s.Outcome == TestOutcome.Failed).Message);
            }
        });
        return command;
    }

    private static Command Rebind(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var login = new Argument<string>("LOGIN") { Description = "The user." };
        var url = new Option<string?>("--url") { Description = "The calendar's new URL." };
        var username = new Option<string?>("--username") { Description = "The new login at the server." };
        var command = new Command("rebind", "Admin: point a bound account at the SAME calendar under a new URL or login; links are kept.") { db, login, url, username };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            if (parse.GetValue(url) is null && parse.GetValue(username) is null)
            {
                throw new CliException("Give --url, --username or both.");
            }

            var view = await ctx.Services.Accounts.RebindAsync(parse.GetValue(db)!, parse.GetValue(login)!, parse.GetValue(url), parse.GetValue(username), ct);
            ctx.Output.Emit(view, c => c.WriteLine($"Account of '{view.Login}' now points at {view.Url} as {view.Username}; its links were kept, so the next run continues with the same items."));
        });
        return command;
    }

    private static Command Reset(CliEnvironment environment)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var login = new Argument<string>("LOGIN") { Description = "The user." };
        var command = new Command("reset", "Admin: drop all links of an account and unbind it, so server and login can change.") { db, login };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var dropped = await ctx.Services.Accounts.ResetAsync(parse.GetValue(db)!, parse.GetValue(login)!, ct);
            ctx.Output.Emit(new { linksDropped = dropped }, c => c.WriteLine(
                $"{dropped} link(s) dropped. The items already in the old external calendar stay there; the leading items are unchanged; the next run creates them anew in the calendar the account names."));
        });
        return command;
    }
}
