using System.CommandLine;
using ProadSync.Abstractions.Errors;
using ProadSync.Cli.Commands;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Accounts;
using ProadSync.Hosting.Licensing;

namespace ProadSync.Cli;

/// <summary>Builds the command tree and runs one invocation with the exit-code contract of CLI.md.</summary>
internal static class CliApp
{
    /// <summary>Exit code of a successful command.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of a refused or failed operation.</summary>
    public const int Failed = 1;

    /// <summary>Exit code of wrong usage.</summary>
    public const int Usage = 2;

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var root = BuildRoot(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync(error.Message);
            }

            await environment.Error.WriteLineAsync("Run 'proadsync --help' (or the command with --help) to see the usage.");
            return Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    internal static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand("ProadSync: synchronises the appointments, tasks and contacts of a leading business system with calendar servers.");
        root.Options.Add(GlobalOptions.Home);
        root.Options.Add(GlobalOptions.Json);
        root.Subcommands.Add(DatabasesCommand.Create(environment));
        root.Subcommands.Add(UsersCommand.Create(environment));
        root.Subcommands.Add(TodosCommand.Create(environment));
        root.Subcommands.Add(ContactsCommand.Create(environment));
        root.Subcommands.Add(AccountsCommand.Create(environment));
        root.Subcommands.Add(PluginsCommand.Create(environment));
        root.Subcommands.Add(LicenceCommand.Create(environment));
        root.Subcommands.Add(SyncCommand.Create(environment));
        root.Subcommands.Add(ServeCommand.Create(environment));
        root.Subcommands.Add(DemoCommand.Create(environment));
        return root;
    }

    /// <summary>Wraps a command body: builds the context, maps known failures to one sentence and exit code 1.</summary>
    public static void SetHandler(Command command, CliEnvironment environment, Func<CliContext, ParseResult, CancellationToken, Task> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            CliContext? context = null;
            try
            {
                context = CliContext.Create(environment, parse);
                await context.InitializeAsync(cancellationToken);
                await body(context, parse, cancellationToken);
                return Ok;
            }
            catch (Exception ex) when (Describe(ex) is { } sentence)
            {
                context?.LogFailure(ex);
                await environment.Error.WriteLineAsync(sentence);
                return Failed;
            }
            finally
            {
                if (context is not null)
                {
                    await context.DisposeAsync();
                }
            }
        });

    private static string? Describe(Exception ex) => ex switch
    {
        CliException or LeadingValidationException or TargetException or AccountRuleException or LicenceException => ex.Message,
        LeadingConcurrencyException => ex.Message + " Try again.",
        OperationCanceledException => "The operation was cancelled.",
        IOException or UnauthorizedAccessException => "A file could not be read or written: " + ex.Message,
        _ => "Unexpected error: " + ex.Message + " (details in the log under the home folder).",
    };
}
