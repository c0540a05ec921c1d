using Microsoft.Playwright;

namespace ProadSync.Web.Tests;

/// <summary>The server manager with the development licence installed (SPEC §1).</summary>
[TestFixture]
public sealed class ServerManagerTests : BrowserTestBase
{
    [Test, Category("R-SM-1"), Category("R-SM-2")]
    public async Task Switching_on_a_licensed_interface_shows_the_green_marker()
    {
        await SignInAsync("root", WebHostInstance.AdminPassword);
        await Page.GotoAsync("/admin/server");
        var row = Page.Locator("tr[data-db='acme'][data-interface='caldav']");
        Assert.That(await row.Locator("[data-col=licensed]").InnerTextAsync(), Is.EqualTo("yes"));
        Assert.That(await row.Locator("[data-col=enabled]").InnerTextAsync(), Is.EqualTo("no"));
        Assert.That(await row.Locator(".marker.green").CountAsync(), Is.Zero);

        await SubmitAsync(Page, row.Locator("button"));
        row = Page.Locator("tr[data-db='acme'][data-interface='caldav']");
        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("now enabled"));
        Assert.That(await row.Locator("[data-col=enabled]").InnerTextAsync(), Is.EqualTo("yes"));
        Assert.That(await row.Locator(".marker.green").InnerTextAsync(), Does.Contain("green"));
        Assert.That(Host.Services.Licensing.IsUsable("acme", "caldav"), Is.True, "the same service the scheduler asks");
        Assert.That(await Page.InnerTextAsync("#licence-state"), Does.Contain("development"));
        Assert.That(await Page.Locator("tr[data-plugin='vdir'] [data-col=state]").InnerTextAsync(), Is.EqualTo("Active"));
        await AssertAccessibleAsync(Page, "server manager");
        await ScreenshotAsync(Page, "server-manager");

        await SubmitAsync(Page, Page.Locator("tr[data-db='acme'][data-interface='caldav'] button"));
        Assert.That(await Page.Locator("tr[data-db='acme'][data-interface='caldav'] [data-col=enabled]").InnerTextAsync(), Is.EqualTo("no"));
    }

    [Test]
    public async Task A_user_who_is_not_an_admin_is_refused()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        var response = await Page.GotoAsync("/admin/server");
        Assert.That(response!.Status, Is.EqualTo(403));
        Assert.That(await Page.InnerTextAsync("h1"), Is.EqualTo("Access denied"));
        response = await Page.GotoAsync("/admin/users");
        Assert.That(response!.Status, Is.EqualTo(403));
        await AssertAccessibleAsync(Page, "access denied");
        await ScreenshotAsync(Page, "access-denied");
    }

    [Test]
    public async Task The_admin_sets_a_users_web_password()
    {
        await SignInAsync("root", WebHostInstance.AdminPassword);
        await Page.GotoAsync("/admin/users");
        await Page.SelectOptionAsync("#pw-login", "bert");
        await Page.FillAsync("#pw-password", "brand-new-pass-7");
        await SubmitAsync(Page, "main form button[type=submit]");
        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("bert"));
        Assert.That(await Page.ContentAsync(), Does.Not.Contain("brand-new-pass-7"));
        Assert.That(await Host.Services.Users.VerifyPasswordAsync("acme", "bert", "brand-new-pass-7", CancellationToken.None), Is.Not.Null);
        await AssertAccessibleAsync(Page, "users");
        await ScreenshotAsync(Page, "users");
    }
}

/// <summary>The server manager without a licence: switching on is refused with the sentence; the upload installs one.</summary>
[TestFixture]
public sealed class UnlicensedServerManagerTests : BrowserTestBase
{
    protected override bool Licensed => false;

    [Test, Category("R-SM-2")]
    public async Task Switching_on_without_a_licence_is_refused_with_the_sentence()
    {
        await SignInAsync("root", WebHostInstance.AdminPassword);
        await Page.GotoAsync("/admin/server");
        var row = Page.Locator("tr[data-db='acme'][data-interface='caldav']");
        Assert.That(await row.Locator("[data-col=licensed]").InnerTextAsync(), Is.EqualTo("no"));
        await SubmitAsync(Page, row.Locator("button"));
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("cannot be switched on for database 'acme': no licence is installed"));
        Assert.That(await Page.Locator("tr[data-db='acme'][data-interface='caldav'] [data-col=enabled]").InnerTextAsync(), Is.EqualTo("no"));
        Assert.That(await Page.Locator(".marker.green").CountAsync(), Is.Zero);
        await AssertAccessibleAsync(Page, "server manager (refused)");
        await ScreenshotAsync(Page, "server-manager-unlicensed");
    }

    [Test, Category("R-SM-2")]
    public async Task Uploading_the_licence_file_installs_it_and_then_switching_on_works()
    {
        await SignInAsync("root", WebHostInstance.AdminPassword);
        await Page.GotoAsync("/admin/server");
        await Page.SetInputFilesAsync("#licenceFile", Path.Combine(WebHostInstance.RepoRoot, "tools", "licensing", "development.licence"));
        await SubmitAsync(Page, "#install-licence");
        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("Licence installed"));
        Assert.That(await Page.InnerTextAsync("#licence-state [data-field=valid]"), Does.StartWith("yes"));
        await SubmitAsync(Page, Page.Locator("tr[data-db='acme'][data-interface='exchange'] button"));
        Assert.That(await Page.Locator("tr[data-db='acme'][data-interface='exchange'] .marker.green").CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_tampered_licence_is_refused_with_the_sentence()
    {
        await SignInAsync("root", WebHostInstance.AdminPassword);
        await Page.GotoAsync("/admin/server");
        await Page.FillAsync("#licenceText", "not a licence");
        await SubmitAsync(Page, "#install-licence");
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Is.Not.Empty);
        Assert.That(await Page.InnerTextAsync("#licence-state"), Does.Contain("No licence is installed"));
    }
}
