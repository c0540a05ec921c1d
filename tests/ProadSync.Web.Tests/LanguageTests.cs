namespace ProadSync.Web.Tests;

/// <summary>German and English texts: from Accept-Language, switchable with a cookie.</summary>
[TestFixture]
public sealed class LanguageTests : BrowserTestBase
{
    [Test]
    public async Task A_german_browser_gets_german_texts_and_can_switch_to_english()
    {
        var page = await NewPageAsync("de-DE");
        await page.GotoAsync("/login");
        Assert.That(await page.InnerTextAsync("h1"), Is.EqualTo("Anmelden"));
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("de"));
        await SignInAsync(page, "anna", WebHostInstance.AnnaPassword);
        Assert.That(await page.InnerTextAsync("h1"), Does.Contain("Mein Konto"));
        await AssertAccessibleAsync(page, "mein Konto");
        await ScreenshotAsync(page, "my-account-de");

        // The script submits the choice on change; the page comes back in English.
        await page.SelectOptionAsync("#lang-select", "en");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("h1")).ToContainTextAsync("My account");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/account"));
        await page.GotoAsync("/todos");
        Assert.That(await page.InnerTextAsync("h1"), Is.EqualTo("To-dos"));
        Assert.That(await page.InnerTextAsync("label[for=Sync]"), Is.EqualTo("Sync active"), "the cookie wins over Accept-Language");
    }

    [Test]
    public void Every_text_used_by_the_pages_has_a_german_version()
    {
        var pages = Path.Combine(WebHostInstance.RepoRoot, "host", "ProadSync.Web", "Pages");
        var keys = Directory.GetFiles(pages, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "T\\[\"((?:[^\"\\\\]|\\\\.)*)\"\\]").Select(m => System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value)))
            .Distinct()
            .ToList();
        Assert.That(keys, Has.Count.GreaterThan(50));
        Assert.That(keys.Where(k => !Localization.Texts.HasGerman(k)), Is.Empty);
    }
}
