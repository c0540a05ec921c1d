using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ProadSync.Web.Tests;

/// <summary>A fresh host and browser context per test; helpers to sign in, check accessibility and take screenshots.</summary>
public abstract class BrowserTestBase
{
    private readonly List<IBrowserContext> _contexts = [];

    internal WebHostInstance Host { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected virtual bool Licensed => true;

    [SetUp]
    public async Task StartHostAsync()
    {
        Host = await WebHostInstance.StartAsync(Licensed);
        Page = await NewPageAsync();
    }

    [TearDown]
    public async Task StopHostAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        await Host.DisposeAsync();
    }

    protected async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await Browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    protected async Task SignInAsync(IPage page, string login, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#Database", WebHostInstance.Database);
        await page.FillAsync("#Login", login);
        await page.FillAsync("#Password", password);
        await SubmitAsync(page, "main button[type=submit]");
    }

    // Every submit here is a full-page form post, often answered at the same URL, so waiting for "a navigation" is
    // exactly right; the replacement Playwright suggests (WaitForURL) cannot tell the new page from the old one.
#pragma warning disable CS0612
    /// <summary>Clicks a submit button and waits until the answer page has loaded.</summary>
    protected static Task SubmitAsync(IPage page, string selector) =>
        page.RunAndWaitForNavigationAsync(() => page.ClickAsync(selector));

    /// <summary>Clicks a submit button and waits until the answer page has loaded.</summary>
    protected static Task SubmitAsync(IPage page, ILocator button) =>
        page.RunAndWaitForNavigationAsync(() => button.ClickAsync());
#pragma warning restore CS0612

    protected Task SignInAsync(string login, string password) => SignInAsync(Page, login, password);

    /// <summary>Runs axe-core on the page; fails on any serious or critical violation.</summary>
    protected static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.That(
            bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} – {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"),
            Is.Empty,
            $"axe found serious/critical violations on {name}");
    }

    protected static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotsDirectory, name + ".png"), FullPage = true });
}
