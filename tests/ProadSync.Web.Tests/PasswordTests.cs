using Microsoft.Playwright;

namespace ProadSync.Web.Tests;

/// <summary>A signed-in user changes their own web password (same rule and hash as the admin's); write-only fields.</summary>
[TestFixture]
public sealed class PasswordTests : BrowserTestBase
{
    private const string NewPassword = "anna-changed-77";

    private async Task ChangeAsync(IPage page, string current, string next, string confirm)
    {
        await page.FillAsync("#CurrentPassword", current);
        await page.FillAsync("#NewPassword", next);
        await page.FillAsync("#ConfirmPassword", confirm);
        await SubmitAsync(page, "#change-password");
    }

    private async Task<bool> SignsInAsync(string password) =>
        await Host.Services.Users.VerifyPasswordAsync(WebHostInstance.Database, "anna", password, CancellationToken.None) is not null;

    [Test]
    public async Task A_user_changes_their_password_then_signs_in_with_the_new_one_and_the_old_one_is_refused()
    {
        var otherSession = await NewPageAsync();
        await SignInAsync(otherSession, "anna", WebHostInstance.AnnaPassword);
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await Page.ClickAsync("nav a[href='/password']");
        await Page.WaitForURLAsync("**/password");
        Assert.That(await Page.InnerTextAsync("h1"), Is.EqualTo("Change password"));
        Assert.That(await Page.GetAttributeAsync("nav a[href='/password']", "aria-current"), Is.EqualTo("page"));
        await AssertAccessibleAsync(Page, "change password");

        await ChangeAsync(Page, WebHostInstance.AnnaPassword, NewPassword, NewPassword);

        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("Your password was changed"));
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.InputValueAsync("#CurrentPassword"), Is.Empty, "write-only");
            Assert.That(await Page.InputValueAsync("#NewPassword"), Is.Empty, "write-only");
            Assert.That(await Page.InputValueAsync("#ConfirmPassword"), Is.Empty, "write-only");
            Assert.That(await Page.ContentAsync(), Does.Not.Contain(NewPassword).And.Not.Contain(WebHostInstance.AnnaPassword));
        });
        await AssertAccessibleAsync(Page, "change password (changed)");
        await ScreenshotAsync(Page, "password");

        // This session carries on with a fresh cookie; the other one, signed in with the old password, has ended.
        await Page.GotoAsync("/account");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/account"));
        await otherSession.GotoAsync("/account");
        Assert.That(new Uri(otherSession.Url).AbsolutePath, Is.EqualTo("/login"));

        await SubmitAsync(Page, "header form[action='/logout'] button");
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/login"), "the old password is refused");
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("Sign-in failed"));
        await SignInAsync("anna", NewPassword);
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/account"), "the new password signs in");
    }

    [Test]
    public async Task A_wrong_current_password_a_mismatch_or_a_short_one_is_refused_and_nothing_changes()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await Page.GotoAsync("/password");

        await ChangeAsync(Page, "not-my-password", NewPassword, NewPassword);
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("The current password is wrong; nothing was changed."));
        Assert.That(await Page.InputValueAsync("#CurrentPassword"), Is.Empty, "write-only");

        await ChangeAsync(Page, WebHostInstance.AnnaPassword, NewPassword, NewPassword + "x");
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("confirmation differ"));

        // The browser checks the length too; without that check the server still refuses with the same rule.
        await Page.EvalOnSelectorAllAsync("input[minlength]", "els => els.forEach(e => e.removeAttribute('minlength'))");
        await ChangeAsync(Page, WebHostInstance.AnnaPassword, "short", "short");
        Assert.That(await Page.InnerTextAsync("[role=alert]"), Does.Contain("at least 10 characters"));
        await AssertAccessibleAsync(Page, "change password (refused)");

        Assert.That(await SignsInAsync(WebHostInstance.AnnaPassword), Is.True, "the old password still works");
        Assert.That(await SignsInAsync(NewPassword), Is.False);
        Assert.That(await SignsInAsync("short"), Is.False);
        await Page.GotoAsync("/account");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/account"), "the session goes on");
    }

    [Test]
    public async Task The_refusal_is_in_german_for_a_german_browser()
    {
        var page = await NewPageAsync("de-DE");
        await SignInAsync(page, "anna", WebHostInstance.AnnaPassword);
        await page.GotoAsync("/password");
        Assert.That(await page.InnerTextAsync("h1"), Is.EqualTo("Passwort ändern"));
        await ChangeAsync(page, "not-my-password", NewPassword, NewPassword);
        Assert.That(await page.InnerTextAsync("[role=alert]"), Does.Contain("Das aktuelle Passwort ist falsch"));
        await AssertAccessibleAsync(page, "Passwort ändern");
    }

    [Test]
    public async Task A_post_without_the_anti_forgery_token_is_refused_with_400()
    {
        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        var form = Page.Context.APIRequest.CreateFormData();
        form.Set("CurrentPassword", WebHostInstance.AnnaPassword);
        form.Set("NewPassword", NewPassword);
        form.Set("ConfirmPassword", NewPassword);
        var forged = await Page.Context.APIRequest.PostAsync("/password", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
        Assert.That(forged.Status, Is.EqualTo(400));
        Assert.That(await SignsInAsync(NewPassword), Is.False, "nothing was changed");
        Assert.That(await SignsInAsync(WebHostInstance.AnnaPassword), Is.True);

        // The same post with the page's token goes through, so the token made the difference.
        await Page.GotoAsync("/password");
        form.Set("__RequestVerificationToken", await Page.InputValueAsync("#password-form input[name=__RequestVerificationToken]"));
        var genuine = await Page.Context.APIRequest.PostAsync("/password", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
        Assert.That(genuine.Status, Is.EqualTo(200));
        Assert.That(await SignsInAsync(NewPassword), Is.True);
    }
}
