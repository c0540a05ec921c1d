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
            var hint = e.Data.Contains(EwsClient.ImpersonationDeniedKey)
                ? string.Empty
                : " Check the user name (DOMAIN\\user for NTLM) and the password.";
            return Report(true,
                new(Reachable, TestOutcome.Passed, $"The server {client.Endpoint.Authority} answered."),
                new(Authenticated, TestOutcome.Failed, e.Message + hint),
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
            new(Authenticated, TestOutcome.Passed, client.ImpersonatedMailbox is { } impersonated
                ? $"The login '{client.UserName}' was accepted and may impersonate the mailbox '{impersonated}'."
                : "The login was accepted."),
            missing.Count == 0
                ? new(FoldersFound, TestOutcome.Passed, $"The calendar, tasks and contacts folders of {Mailbox(client)} were found.")
                : new(FoldersFound, TestOutcome.Failed, $"{Mailbox(client, capital: true)} has no usable {string.Join(", ", missing)} folder; check the account's mailbox."));
    }

    /// <summary>Which mailbox the account acts on: the impersonated one (option <c>impersonate</c>) or the login's own.</summary>
    private static string Mailbox(EwsClient client, bool capital = false) => client.ImpersonatedMailbox is { } impersonated
        ? $"{(capital ? "The" : "the")} mailbox '{impersonated}' (impersonated by '{client.UserName}')"
        : $"{(capital ? "The" : "the")} mailbox of '{client.UserName}'";

    private static ConnectionTestReport Report(bool authFailed, params ConnectionTestStep[] steps) =>
        new(steps) { AuthenticationFailed = authFailed };
}
