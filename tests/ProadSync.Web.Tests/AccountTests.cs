using Microsoft.Playwright;

namespace ProadSync.Web.Tests;

/// <summary>"My account": Save and Test through the account service, refusals as sentences, write-only password (SPEC §2).</summary>
[TestFixture]
public sealed class AccountTests : BrowserTestBase
{
    private async Task FillAndSaveAsync(string folder, string? password = null)
    {
        await Page.GotoAsync("/account");
        await Page.CheckAsync("#Form_Enabled");
        await Page.SelectOptionAsync("#Form_Plugin", "vdir");
        await Page.FillAsync("#Form_Url", folder);
        await Page.FillAsync("#Form_UserName", "anna@example.test");
        if (password is not null)
        {
            await Page.FillAsync("#Form_Password", password);
        }

        await Page.SelectOptionAsync("#Form_Mode", "two-way");
        await Page.FillAsync("#Form_Cutoff", "2026-01-15");
        await SubmitAsync(Page, "#save");
    }

    [Test, Category("R-ACC-1"), Category("R-ACC-2"), Category("R-ACC-7")]
    public async Task Saving_and_testing_a_vdir_account_shows_the_steps()
    {
        var folder = Path.Combine(Host.Root, "anna-calendar");
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await FillAndSaveAsync(folder, "calendar-pass-XYZ");
        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("The account was saved"));
        Assert.That(await Page.ContentAsync(), Does.Not.Contain("calendar-pass-XYZ"), "the password is write-only");
        Assert.That(await Page.InputValueAsync("#Form_Password"), Is.Empty);
        Assert.That(await Page.InnerTextAsync("[data-field=password]"), Is.EqualTo("stored (encrypted)"));

        var view = await Host.Services.Accounts.ShowAsync("acme", "anna", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(view.Enabled, Is.True);
            Assert.That(view.Plugin, Is.EqualTo("vdir"));
            Assert.That(view.Url, Is.EqualTo(folder));
            Assert.That(view.Mode, Is.EqualTo("two-way"));
            Assert.That(view.Cutoff, Is.EqualTo(new DateOnly(2026, 1, 15)));
            Assert.That(view.HasPassword, Is.True);
        });

        await SubmitAsync(Page, "#test");
        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("The connection works."));
        var steps = await Page.Locator("#test-steps li").AllInnerTextsAsync();
        Assert.That(steps, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(steps[0], Does.StartWith("OK – folder"));
        Assert.That(Directory.Exists(folder), Is.True, "the vdir plugin created the folder");
        await AssertAccessibleAsync(Page, "my account (tested)");
        await ScreenshotAsync(Page, "my-account");
    }

    [Test, Category("R-ACC-2")]
    public async Task Testing_an_account_whose_folder_cannot_be_created_shows_the_failed_step()
    {
        // No CalDAV server with authentication is on this branch: the failure path is a vdir folder below a file.
        var blocker = Path.Combine(Host.Root, "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await FillAndSaveAsync(Path.Combine(blocker, "calendar"));
        await SubmitAsync(Page, "#test");
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("The connection does not work"));
        var failed = Page.Locator("#test-steps li.step-failed");
        Assert.That(await failed.CountAsync(), Is.EqualTo(1));
        Assert.That(await failed.InnerTextAsync(), Does.Contain("cannot be created"));
        await AssertAccessibleAsync(Page, "my account (test failed)");
        await ScreenshotAsync(Page, "my-account-test-failed");
    }

    [Test, Category("R-ACC-6")]
    public async Task A_refusal_by_an_account_rule_is_shown_as_its_sentence()
    {
        var folder = Path.Combine(Host.Root, "shared");
        await Host.Services.Accounts.SetAsync("acme", "bert", new Hosting.Accounts.AccountChange { PluginId = "vdir", Url = folder, UserName = "anna@example.test" }, CancellationToken.None);
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await FillAndSaveAsync(folder);
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("is already used by another user of database 'acme'"));
        Assert.That(await Page.InputValueAsync("#Form_Url"), Is.EqualTo(folder), "the input is kept");
    }

    [Test, Category("R-ACC-3")]
    public async Task The_status_shows_why_synchronisation_was_switched_off_and_how_to_resume()
    {
        var blocker = Path.Combine(Host.Root, "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        await Host.Services.Accounts.SetAsync("acme", "anna", new Hosting.Accounts.AccountChange { PluginId = "vdir", Url = Path.Combine(blocker, "cal"), Enabled = true }, CancellationToken.None);
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        for (var i = 0; i < 5; i++)
        {
            await Page.GotoAsync("/runs");
            await SubmitAsync(Page, "#run-now");
        }

        await Page.GotoAsync("/account");
        Assert.That(await Page.InnerTextAsync("[data-field=failures]"), Is.EqualTo("5"));
        Assert.That(await Page.InnerTextAsync("[data-field=enabled]"), Is.EqualTo("off"));
        Assert.That(await Page.InnerTextAsync("[data-field=disabled-reason]"), Does.Contain("after 5 failed connection attempts in a row"));
        Assert.That(await Page.InnerTextAsync("#account-status"), Does.Contain("How to resume"));
        Assert.That(await Page.IsCheckedAsync("#Form_Enabled"), Is.False);
        await Page.GotoAsync("/runs");
        Assert.That(await Page.Locator("#runs tbody tr").CountAsync(), Is.EqualTo(5));
        Assert.That(await Page.Locator("#runs [data-col=outcome]").First.InnerTextAsync(), Is.EqualTo("failed"));
        await AssertAccessibleAsync(Page, "runs (failed)");
        await ScreenshotAsync(Page, "runs-failed");
    }

    [Test]
    public async Task A_user_opening_another_users_account_or_runs_is_refused()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        var response = await Page.GotoAsync("/account/bert");
        Assert.That(response!.Status, Is.EqualTo(403));
        response = await Page.GotoAsync("/runs/bert");
        Assert.That(response!.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task The_admin_opens_any_account_of_the_database()
    {
        await Host.Services.Accounts.SetAsync("acme", "bert", new Hosting.Accounts.AccountChange { PluginId = "vdir", Url = Path.Combine(Host.Root, "b") }, CancellationToken.None);
        await SignInAsync("root", WebHostInstance.AdminPassword);
        var response = await Page.GotoAsync("/account/bert");
        Assert.That(response!.Status, Is.EqualTo(200));
        Assert.That(await Page.InputValueAsync("#Form_Url"), Is.EqualTo(Path.Combine(Host.Root, "b")));
    }

    [Test]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused_with_400()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        var form = Page.Context.APIRequest.CreateFormData();
        form.Set("Form.Plugin", "vdir");
        form.Set("Form.Url", Path.Combine(Host.Root, "forged"));
        var forged = await Page.Context.APIRequest.PostAsync("/account?handler=Save", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
        Assert.That(forged.Status, Is.EqualTo(400));
        Assert.That(await Host.Services.Catalog.OpenAsync("acme", CancellationToken.None) is { } store && await GetAccountAsync(store) is null, Is.True, "nothing was saved");

        // The same post with the page's token goes through, so the token made the difference.
        await Page.GotoAsync("/account");
        var token = await Page.InputValueAsync("#account-form input[name=__RequestVerificationToken]");
        form.Set("__RequestVerificationToken", token);
        var genuine = await Page.Context.APIRequest.PostAsync("/account?handler=Save", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
        Assert.That(genuine.Status, Is.EqualTo(200));
    }

    private static async Task<Core.Leading.SyncAccount?> GetAccountAsync(Core.Leading.ILeadingSystem store)
    {
        await using (store)
        {
            var user = await store.FindUserAsync("anna", CancellationToken.None);
            return await store.GetAccountByUserAsync(user!.Id, CancellationToken.None);
        }
    }
}
