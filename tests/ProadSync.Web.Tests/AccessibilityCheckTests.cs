namespace ProadSync.Web.Tests;

/// <summary>The accessibility check used on every page does find violations (so a clean result means something).</summary>
[TestFixture]
public sealed class AccessibilityCheckTests : BrowserTestBase
{
    [Test]
    public async Task The_check_fails_on_a_page_with_an_unlabelled_field_and_an_image_without_text()
    {
        await Page.SetContentAsync("<!DOCTYPE html><html><head><title>x</title></head><body><main><input type=text><img src='data:,'></main></body></html>");
        Assert.ThrowsAsync<AssertionException>(() => AssertAccessibleAsync(Page, "a bad page"));
    }
}
