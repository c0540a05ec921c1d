using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ProadSync.Core.Leading;
using ProadSync.Core.Sync;

namespace ProadSync.Web.Pages;

/// <summary>An account's recent runs with their counts and errors, and "Run now".</summary>
public sealed class RunsModel : ProadSyncPageModel
{
    /// <summary>How many runs are listed.</summary>
    public const int Limit = 20;

    /// <summary>The user (the signed-in user unless an admin chose another).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Login { get; set; }

    /// <summary>Whether the user has an account.</summary>
    public bool HasAccount { get; private set; }

    /// <summary>The runs, newest first, with their counts.</summary>
    public IReadOnlyList<RunRow> Runs { get; private set; } = [];

    /// <summary>Admins: the logins of the database that have an account.</summary>
    public IReadOnlyList<string> AccountLogins { get; private set; } = [];

    /// <summary>Lists the runs.</summary>
    /// <returns>The page or a refusal.</returns>
    public async Task<IActionResult> OnGetAsync() =>
        !Me.MayAccess(Target) ? Forbid() : await LoadAsync() ? Page() : NotFound();

    /// <summary>Runs the account now, through the same service as the scheduler and <c>sync run</c>.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostRunAsync()
    {
        if (!Me.MayAccess(Target))
        {
            return Forbid();
        }

        await TryAsync(async () =>
        {
            await using var store = await OpenStoreAsync();
            var user = await store.FindUserAsync(Target, HttpContext.RequestAborted)
                ?? throw new LeadingValidationException($"There is no user '{Target}' in database '{store.Database.Name}'.");
            var account = await store.GetAccountByUserAsync(user.Id, HttpContext.RequestAborted)
                ?? throw new LeadingValidationException(T["There is no account to run yet."]);
            var result = await Services.Sync.RunAccountAsync(store, account, user.Login, new RunOptions(), HttpContext.RequestAborted);
            var text = $"{T["Run finished"]}: {T["outcome:" + result.Outcome]}" + (result.Message is null ? "" : $" – {result.Message}");
            Message = result.Outcome is "succeeded" ? PageMessage.Ok(text) : PageMessage.Error(text);
        });
        return await LoadAsync() ? Page() : NotFound();
    }

    private string Target => string.IsNullOrWhiteSpace(Login) ? Me.Login : Login.Trim();

    private async Task<bool> LoadAsync()
    {
        await using var store = await OpenStoreAsync();
        var users = await store.ListUsersAsync(HttpContext.RequestAborted);
        var user = users.FirstOrDefault(u => string.Equals(u.Login, Target, StringComparison.OrdinalIgnoreCase));
        if (user is null)
        {
            return false;
        }

        Login = user.Login;
        var accounts = await store.ListAccountsAsync(HttpContext.RequestAborted);
        if (Me.IsAdmin)
        {
            AccountLogins = accounts.Select(a => users.FirstOrDefault(u => u.Id == a.UserId)?.Login).OfType<string>().Order(StringComparer.OrdinalIgnoreCase).ToList();
        }

        var account = accounts.FirstOrDefault(a => a.UserId == user.Id);
        HasAccount = account is not null;
        if (account is not null)
        {
            Runs = (await store.ListRunsAsync(account.Id, Limit, HttpContext.RequestAborted)).Select(RunRow.Of).ToList();
        }

        return true;
    }

    /// <summary>One run as the table shows it.</summary>
    /// <param name="Run">The run.</param>
    /// <param name="Out">Created/updated/deleted externally.</param>
    /// <param name="In">Updated/imported/marked deleted in the leading system.</param>
    /// <param name="Failed">Failed items.</param>
    /// <param name="FirstFailure">The first failed item's message.</param>
    public sealed record RunRow(RunRecord Run, string Out, string In, int Failed, string? FirstFailure)
    {
        internal static RunRow Of(RunRecord run)
        {
            if (string.IsNullOrWhiteSpace(run.SummaryJson))
            {
                return new RunRow(run, "–", "–", 0, null);
            }

            try
            {
                using var doc = JsonDocument.Parse(run.SummaryJson);
                var root = doc.RootElement;
                int N(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
                var failed = root.TryGetProperty("failed", out var f) && f.ValueKind == JsonValueKind.Array ? f : default;
                var count = failed.ValueKind == JsonValueKind.Array ? failed.GetArrayLength() : 0;
                string? first = count > 0 && failed[0].TryGetProperty("message", out var m) ? m.GetString() : null;
                return new RunRow(
                    run,
                    $"{N("createdOut")} / {N("updatedOut")} / {N("deletedOut")}",
                    $"{N("updatedIn")} / {N("importedIn")} / {N("markedDeletedIn")}",
                    count,
                    first);
            }
            catch (JsonException)
            {
                return new RunRow(run, "?", "?", 0, null);
            }
        }
    }
}
