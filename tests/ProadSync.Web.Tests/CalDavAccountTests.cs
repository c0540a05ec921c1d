namespace ProadSync.Web.Tests;

/// <summary>"My account" against a real CalDAV server (Radicale on loopback): Test with the right and a wrong password.</summary>
[TestFixture]
public sealed class CalDavAccountTests : BrowserTestBase
{
    private const string DavUser = "anna";
    private const string DavPassword = "radicale-Pa55";

    [Test, Category("R-ACC-2"), Category("R-ACC-7")]
    public async Task Testing_a_caldav_account_succeeds_with_the_right_password_and_says_why_with_a_wrong_one()
    {
        await using var radicale = await RadicaleServer.StartAsync(DavUser, DavPassword);
        await Host.Services.Licensing.SetEnabledAsync("acme", "caldav", true, CancellationToken.None);
        await SignInAsync("anna", WebHostInstance.AnnaPassword);

        async Task SaveAsync(string password)
        {
            await Page.GotoAsync("/account");
            await Page.CheckAsync("#Form_Enabled");
            await Page.SelectOptionAsync("#Form_Plugin", "caldav");
            await Page.FillAsync("#Form_Profile", "auto");
            await Page.FillAsync("#Form_Url", radicale.Url.ToString());
            await Page.FillAsync("#Form_UserName", DavUser);
            await Page.FillAsync("#Form_Password", password);
            await Page.SelectOptionAsync("#Form_Mode", "two-way");
            await SubmitAsync(Page, "#save");
            Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("The account was saved"));
        }

        await SaveAsync(DavPassword);
        await SubmitAsync(Page, "#test");
        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("The connection works."));
        var steps = await Page.Locator("#test-steps li").AllInnerTextsAsync();
        Assert.That(string.Join("\n", steps), Does.Contain("authenticated").And.Contain("radicale"), string.Join("\n", steps));
        Assert.That(await Page.ContentAsync(), Does.Not.Contain(DavPassword), "the password is never rendered");

        await SaveAsync("wrong-password-123");
        await SubmitAsync(Page, "#test");
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("refused the user name or password"));
        var failed = Page.Locator("#test-steps li.step-failed");
        Assert.That(await failed.CountAsync(), Is.EqualTo(1));
        Assert.That(await failed.InnerTextAsync(), Does.Contain("authenticated"));
        await AssertAccessibleAsync(Page, "my account (wrong CalDAV password)");
        await ScreenshotAsync(Page, "my-account-caldav-wrong-password");
    }
}
