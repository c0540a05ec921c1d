using Microsoft.Graph.Models;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Graph.Targets;

/// <summary>The steps of "Test" (SPEC R-ACC-2): token acquired, mailbox reachable, calendar / To Do list / contacts found.</summary>
internal static class GraphConnectionTest
{
    public static async Task<ConnectionTestReport> RunAsync(GraphConnection connection, bool calendar, bool tasks, bool contacts, CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var authFailed = false;
        var mailbox = connection.Account.Mailbox;

        async Task<bool> StepAsync(string name, Func<Task<string>> action)
        {
            try
            {
                steps.Add(new ConnectionTestStep(name, TestOutcome.Passed, await action()));
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var mapped = GraphErrors.Map(ex, name.ToLowerInvariant());
                authFailed |= mapped is TargetAuthenticationException;
                steps.Add(new ConnectionTestStep(name, TestOutcome.Failed, mapped.Message));
                return false;
            }
        }

        void Skip(string name) => steps.Add(new ConnectionTestStep(name, TestOutcome.Skipped, "Skipped because an earlier step failed."));

        var ok = await StepAsync("Token acquired", async () =>
        {
            await connection.Tokens.GetTokenAsync(cancellationToken);
            return $"Entra ID issued an app-only token for client '{connection.Account.ClientId}' in tenant '{connection.Account.TenantId}'.";
        });

        var names = new List<string> { "Mailbox reachable" };
        if (calendar)
        {
            names.Add("Calendar found");
        }

        if (tasks)
        {
            names.Add("To Do list found");
        }

        if (contacts)
        {
            names.Add("Contacts found");
        }

        if (!ok)
        {
            names.ForEach(Skip);
            return new ConnectionTestReport(steps) { AuthenticationFailed = authFailed };
        }

        Calendar? found = null;
        ok = await StepAsync("Mailbox reachable", async () =>
        {
            if (calendar)
            {
                found = await connection.Mailbox.Calendar.GetAsync(cancellationToken: cancellationToken);
            }
            else
            {
                await connection.Mailbox.Contacts.GetAsync(c => { c.QueryParameters.Top = 1; c.QueryParameters.Select = ["id"]; }, cancellationToken);
            }

            return $"The mailbox '{mailbox}' answered.";
        });
        if (!ok)
        {
            names.Skip(1).ToList().ForEach(Skip);
            return new ConnectionTestReport(steps) { AuthenticationFailed = authFailed };
        }

        if (calendar)
        {
            await StepAsync("Calendar found", () => Task.FromResult($"The default calendar '{found?.Name ?? "Calendar"}' is {(found?.CanEdit == false ? "read-only" : "writable")}."));
        }

        if (tasks)
        {
            await StepAsync("To Do list found", async () =>
            {
                var lists = await connection.Mailbox.Todo.Lists.GetAsync(cancellationToken: cancellationToken);
                var list = lists?.Value?.FirstOrDefault(l => l.WellknownListName == WellknownListName.DefaultList)
                    ?? throw new TargetConfigurationException("The mailbox has no default To Do list.");
                return $"The default To Do list '{list.DisplayName}' was found.";
            });
        }

        if (contacts)
        {
            await StepAsync("Contacts found", async () =>
            {
                await connection.Mailbox.Contacts.GetAsync(c => { c.QueryParameters.Top = 1; c.QueryParameters.Select = ["id"]; }, cancellationToken);
                return "The contacts folder can be read.";
            });
        }

        return new ConnectionTestReport(steps) { AuthenticationFailed = authFailed };
    }
}
