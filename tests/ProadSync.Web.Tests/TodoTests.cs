namespace ProadSync.Web.Tests;

/// <summary>The to-do overview with "sync active" and "externally deleted" (R-STAT-1), the properties page and the runs.</summary>
[TestFixture]
public sealed class TodoTests : BrowserTestBase
{
    [Test, Category("R-STAT-1")]
    public async Task After_a_run_the_list_shows_sync_active_and_the_properties_show_the_external_id()
    {
        var folder = Path.Combine(Host.Root, "anna-cal");
        var synced = await Host.AddAppointmentAsync("anna", "Kick-off", 2);
        await Host.AddAppointmentAsync("anna", "Review", 3);
        var bertsTodo = await Host.AddAppointmentAsync("bert", "Bert's private meeting", 4);
        await Host.Services.Accounts.SetAsync("acme", "anna", new Hosting.Accounts.AccountChange { PluginId = "vdir", Url = folder, Enabled = true, Mode = Core.Leading.SyncMode.TwoWay }, CancellationToken.None);

        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await Page.GotoAsync("/todos");
        Assert.That(await Page.Locator("#todos [data-col=sync-active]").AllInnerTextsAsync(), Is.EqualTo(new[] { "no", "no" }), "before the run; bert's to-do is not listed");

        await Page.GotoAsync("/runs");
        await SubmitAsync(Page, "#run-now");
        Assert.That(await Page.InnerTextAsync("[role=status]"), Does.Contain("succeeded"));
        Assert.That(await Page.Locator("#runs tbody tr").CountAsync(), Is.EqualTo(1));
        Assert.That(await Page.Locator("#runs tbody tr [data-col=out]").First.InnerTextAsync(), Is.EqualTo("2 / 0 / 0"));
        await AssertAccessibleAsync(Page, "runs");
        await ScreenshotAsync(Page, "runs");

        // An external deletion of one item marks it "externally deleted" in 2-way mode.
        var files = Directory.GetFiles(folder, "*.ics", SearchOption.AllDirectories);
        Assert.That(files, Has.Length.EqualTo(2));
        var reviewFile = files.Single(f => File.ReadAllText(f).Contains("SUMMARY:Review", StringComparison.Ordinal));
        File.Delete(reviewFile);
        await SubmitAsync(Page, "#run-now");

        await Page.GotoAsync("/todos");
        var rows = Page.Locator("#todos tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(2));
        Assert.That(await Page.Locator($"#todos tr[data-id='{synced}'] [data-col=sync-active]").InnerTextAsync(), Is.EqualTo("yes"));
        Assert.That(await Page.Locator($"#todos tr[data-id='{synced}'] [data-col=externally-deleted]").InnerTextAsync(), Is.EqualTo("no"));
        Assert.That(await Page.Locator("#todos tr:has-text('Review') [data-col=externally-deleted]").InnerTextAsync(), Is.EqualTo("yes"));
        await AssertAccessibleAsync(Page, "to-dos");
        await ScreenshotAsync(Page, "todos");

        await Page.SelectOptionAsync("#Deleted", "yes");
        await SubmitAsync(Page, "form.filters button");
        Assert.That(await Page.Locator("#todos tbody tr").AllInnerTextsAsync(), Has.Count.EqualTo(1).And.Some.Contains("Review"));
        await Page.GotoAsync("/todos?Sync=yes&Kind=appointment");
        Assert.That(await Page.Locator("#todos tbody tr").AllInnerTextsAsync(), Has.Count.EqualTo(1).And.Some.Contains("Kick-off"));
        await Page.GotoAsync("/todos?Kind=task");
        Assert.That(await Page.Locator("#todos").CountAsync(), Is.Zero);

        await Page.GotoAsync($"/todos/{synced}");
        Assert.That(await Page.InnerTextAsync("[data-field=sync-active]"), Is.EqualTo("yes"));
        var externalId = await Page.InnerTextAsync("#links [data-col=external-id]");
        Assert.That(files.Select(Path.GetFileName), Does.Contain(externalId));
        Assert.That(await Page.InnerTextAsync("#journal-h + p"), Does.Contain("No external version was overwritten"));
        await AssertAccessibleAsync(Page, "to-do properties");
        await ScreenshotAsync(Page, "todo-properties");

        var response = await Page.GotoAsync($"/todos/{bertsTodo}");
        Assert.That(response!.Status, Is.EqualTo(403), "another user's to-do is refused");
    }

    [Test, Category("R-STAT-1")]
    public async Task The_admin_sees_every_users_to_dos()
    {
        await Host.AddAppointmentAsync("anna", "Anna's", 2);
        await Host.AddAppointmentAsync("bert", "Bert's", 2);
        await SignInAsync("root", WebHostInstance.AdminPassword);
        await Page.GotoAsync("/todos");
        Assert.That(await Page.Locator("#todos tbody tr").CountAsync(), Is.EqualTo(2));
        await Page.GotoAsync("/todos?Responsible=bert");
        Assert.That(await Page.Locator("#todos tbody tr").AllInnerTextsAsync(), Has.Count.EqualTo(1).And.Some.Contains("Bert's"));
    }
}
