using Microsoft.Playwright;

namespace ProadSync.Web.Tests;

/// <summary>One headless Chromium (Debian's package, never a downloaded browser) for all browser tests of the run.</summary>
[SetUpFixture]
public sealed class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static IBrowser Instance => _browser ?? throw new InvalidOperationException("The browser was not started.");

    public static string ScreenshotsDirectory { get; } = Path.Combine(WebHostInstance.RepoRoot, "artifacts", "screenshots");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"{ChromiumPath} is missing; install Debian's package with 'apt-get install -y chromium' (the test script does).");
        }

        Directory.CreateDirectory(ScreenshotsDirectory);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
