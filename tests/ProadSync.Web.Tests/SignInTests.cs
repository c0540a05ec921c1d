using Microsoft.Playwright;

namespace ProadSync.Web.Tests;

/// <summary>Sign-in with database, login and password; cookie settings; no password rendered.</summary>
[TestFixture]
public sealed class SignInTests : BrowserTestBase
{
    [Test]
    public async Task Good_password_signs_in_with_a_strict_http_only_cookie()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/account"));
        Assert.That(await Page.InnerTextAsync("h1"), Does.Contain("My account"));
        var cookie = (await Page.Context.CookiesAsync()).Single(c => c.Name == "proadsync.auth");
        Assert.Multiple(() =>
        {
            Assert.That(cookie.HttpOnly, Is.True);
            Assert.That(cookie.SameSite, Is.EqualTo(SameSiteAttribute.Strict));
        });
        Assert.That(await Page.ContentAsync(), Does.Not.Contain(WebHostInstance.AnnaPassword));
    }

    [Test]
    public async Task Bad_password_is_refused_without_saying_which_part_was_wrong()
    {
        await SignInAsync("anna", "wrong-password-1");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/login"));
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("Sign-in failed"));
        Assert.That((await Page.Context.CookiesAsync()).Any(c => c.Name == "proadsync.auth"), Is.False);
        Assert.That(await Page.InputValueAsync("#Password"), Is.Empty, "the password is never rendered back");
        await AssertAccessibleAsync(Page, "login (failed)");
        await ScreenshotAsync(Page, "login-failed");
    }

    [Test]
    public async Task Pages_need_a_sign_in()
    {
        var response = await Page.GotoAsync("/todos");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/login"));
        Assert.That(response!.Status, Is.EqualTo(200));
        await AssertAccessibleAsync(Page, "login");
        await ScreenshotAsync(Page, "login");
    }

    [Test]
    public async Task A_changed_password_ends_the_old_session()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await Host.Services.Users.SetPasswordAsync(WebHostInstance.Database, "anna", "a-new-password-99", CancellationToken.None);
        await Page.GotoAsync("/account");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/login"));
    }

    [Test]
    public async Task Signing_out_ends_the_session()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await SubmitAsync(Page, "header form[action='/logout'] button");
        await Page.GotoAsync("/account");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/login"));
    }
}
