using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Plugins;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Accounts;
using ProadSync.PluginHost;

namespace ProadSync.Web.Pages;

/// <summary>"My account → CalDAV/Exchange synchronisation" (SPEC §2): the fields, Save, Test and the status.</summary>
public sealed class AccountModel : ProadSyncPageModel
{
    /// <summary>The modes as the form offers them.</summary>
    public static IReadOnlyList<(string Value, SyncMode Mode)> Modes { get; } =
        [("export", SyncMode.Export), ("one-way", SyncMode.OneWay), ("two-way", SyncMode.TwoWay), ("full", SyncMode.Full)];

    /// <summary>The user whose account is shown (the signed-in user unless an admin opened another).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Login { get; set; }

    /// <summary>The form.</summary>
    [BindProperty]
    public AccountForm Form { get; set; } = new();

    /// <summary>The account as stored, or <see langword="null"/> when there is none yet.</summary>
    public AccountView? View { get; private set; }

    /// <summary>Whether the user has the right "may configure synchronisation".</summary>
    public bool MayConfigure { get; private set; }

    /// <summary>The calendar plugins that can be chosen.</summary>
    public IReadOnlyList<PluginDescriptor> CalendarPlugins { get; private set; } = [];

    /// <summary>The steps of the last "Test".</summary>
    public ConnectionTestReport? TestReport { get; private set; }

    /// <summary>Shows the account.</summary>
    /// <returns>The page, or a refusal for someone else's account.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!Authorised())
        {
            return Forbid();
        }

        return await LoadAsync(fillForm: true) ? Page() : NotFound();
    }

    /// <summary>Saves the account through the same service as <c>accounts set</c>.</summary>
    /// <returns>The page with the result.</returns>
    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!Authorised())
        {
            return Forbid();
        }

        var change = new AccountChange
        {
            PluginId = string.IsNullOrWhiteSpace(Form.Plugin) ? null : Form.Plugin,
            Profile = string.IsNullOrWhiteSpace(Form.Profile) ? null : Form.Profile.Trim(),
            Url = string.IsNullOrWhiteSpace(Form.Url) ? null : Form.Url.Trim(),
            UserName = string.IsNullOrWhiteSpace(Form.UserName) ? null : Form.UserName.Trim(),
            Password = string.IsNullOrEmpty(Form.Password) ? null : Form.Password,
            Mode = Modes.FirstOrDefault(m => m.Value == Form.Mode) is { Value: not null } found ? found.Mode : null,
            ExportContacts = Form.ExportContacts,
            Enabled = Form.Enabled,
            Cutoff = Form.Cutoff,
            ClearCutoff = Form.Cutoff is null,
        };
        Form.Password = null;
        var saved = await TryAsync(async () =>
        {
            if (change.PluginId is not null && Services.Plugins.StateFor(change.PluginId.Trim().ToLowerInvariant(), null) is null)
            {
                throw new AccountRuleException(string.Format(CultureInfo.InvariantCulture, T["There is no plugin '{0}'."], change.PluginId));
            }

            await Services.Accounts.SetAsync(Me.Database, Target, change, HttpContext.RequestAborted);
        });
        if (!await LoadAsync(fillForm: saved))
        {
            return NotFound();
        }

        if (saved)
        {
            Message = PageMessage.Ok(T["The account was saved. Use Test to check the connection."]);
        }

        return Page();
    }

    /// <summary>"Test" (Prüfen, R-ACC-2) through the same service as <c>accounts test</c>.</summary>
    /// <returns>The page with the steps.</returns>
    public async Task<IActionResult> OnPostTestAsync()
    {
        if (!Authorised())
        {
            return Forbid();
        }

        await TryAsync(async () => TestReport = await Services.Accounts.TestAsync(Me.Database, Target, HttpContext.RequestAborted));
        if (TestReport is not null)
        {
            Message = TestReport.Succeeded
                ? PageMessage.Ok(T["The connection works."])
                : PageMessage.Error(TestReport.AuthenticationFailed
                    ? T["The server refused the user name or password; enter them again and save."]
                    : T["The connection does not work; see the failed step below."]);
        }

        return await LoadAsync(fillForm: true) ? Page() : NotFound();
    }

    private string Target => string.IsNullOrWhiteSpace(Login) ? Me.Login : Login.Trim();

    private bool Authorised() => Me.MayAccess(Target);

    private async Task<bool> LoadAsync(bool fillForm)
    {
        await using var store = await OpenStoreAsync();
        var user = await store.FindUserAsync(Target, HttpContext.RequestAborted);
        if (user is null)
        {
            return false;
        }

        Login = user.Login;
        MayConfigure = user.MayConfigureSync;
        var account = await store.GetAccountByUserAsync(user.Id, HttpContext.RequestAborted);
        View = account is null ? null : AccountView.Of(store.Database.Name, user.Login, account);
        CalendarPlugins = Services.Plugins.Plugins
            .Where(p => p.Manifest?.Kinds.Contains(PluginKind.CalendarTarget) == true)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        if (fillForm)
        {
            Form = View is null
                ? new AccountForm { Mode = "one-way" }
                : new AccountForm
                {
                    Enabled = View.Enabled,
                    Plugin = View.Plugin,
                    Profile = View.Profile,
                    Url = View.Url,
                    UserName = View.Username,
                    Mode = View.Mode,
                    ExportContacts = View.ExportContacts,
                    Cutoff = View.Cutoff,
                };
        }

        return true;
    }
}
