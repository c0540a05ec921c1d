using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Plugin.Exchange.Ews;

namespace ProadSync.Plugin.Exchange;

/// <summary>The connection test (SPEC R-ACC-2): reachable, authenticated, folders found.</summary>
internal static class ExchangeConnectionTest
{
    private static readonly string[] Folders = ["calendar", "tasks", "contacts"];

    public static async Task<ConnectionTestReport> RunAsync(EwsClient client, CancellationToken cancellationToken)
    {
        const string Reachable = "reachable";
        const string Authenticated = "authenticated";
        const string FoldersFound = "folders found";
        IReadOnlyList<EwsResponseMessage> messages;
        try
        {
            messages = await client.SendAsync("GetFolder", EwsRequests.GetFolder(Folders), cancellationToken);
        }
        catch (TransientTargetException e) when (e.InnerException is HttpRequestException or TaskCanceledException)
        {
            return Report(false,
                new(Reachable, TestOutcome.Failed, e.Message),
                new(Authenticated, TestOutcome.Skipped, "Not tried: the server was not reached."),
                new(FoldersFound, TestOutcome.Skipped, "Not tried: the server was not reached."));
        }
        catch (TargetAuthenticationException e)
        {
            return Report(true,
                new(Reachable, TestOutcome.Passed, $"The server {client.Endpoint.Authority} answered."),
                new(Authenticated, TestOutcome.Failed, e.Message + " Check the user name (DOMAIN\\user for NTLM) and the password."),
                new(FoldersFound, TestOutcome.Skipped, "Not tried: the login failed."));
        }
        catch (TargetException e)
        {
            return Report(false,
                new(Reachable, TestOutcome.Passed, $"The server {client.Endpoint.Authority} answered."),
                new(Authenticated, TestOutcome.Skipped, "Not determined: the request failed before the login could be checked."),
                new(FoldersFound, TestOutcome.Failed, e.Message));
        }

        var missing = Folders.Where((_, i) => i >= messages.Count || !messages[i].IsSuccess).ToList();
        return Report(false,
            new(Reachable, TestOutcome.Passed, $"The server {client.Endpoint.Authority} answered."),
            new(Authenticated, TestOutcome.Passed, "The login was accepted."),
            missing.Count == 0
                ? new(FoldersFound, TestOutcome.Passed, "The calendar, tasks and contacts folders were found.")
                : new(FoldersFound, TestOutcome.Failed, $"The mailbox has no usable {string.Join(", ", missing)} folder; check the account's mailbox."));
    }

    private static ConnectionTestReport Report(bool authFailed, params ConnectionTestStep[] steps) =>
        new(steps) { AuthenticationFailed = authFailed };
}
