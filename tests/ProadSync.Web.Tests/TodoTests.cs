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

    [Test, Category("R-STAT-1")]
    public async Task The_overview_pages_by_50_and_keeps_the_filters_across_pages()
    {
        // Anna: 60 appointments and 60 tasks, interleaved by id; Bert: 5 appointments (never listed for Anna).
        var appointments = new List<long>();
        await using (var store = await Host.Services.Catalog.OpenAsync(WebHostInstance.Database, CancellationToken.None))
        {
            var anna = (await store.FindUserAsync("anna", CancellationToken.None))!;
            var bert = (await store.FindUserAsync("bert", CancellationToken.None))!;
            var start = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(1));
            for (var i = 0; i < 60; i++)
            {
                var at = start.AddDays(i);
                appointments.Add((await store.AddTodoAsync(new Core.Leading.TodoDraft(anna.Id, new Abstractions.Models.CalendarItem { Kind = Abstractions.Models.TodoKind.Appointment, Subject = $"Meeting {i + 1}", Start = at, End = at.AddHours(1) }), CancellationToken.None)).Id);
                await store.AddTodoAsync(new Core.Leading.TodoDraft(anna.Id, new Abstractions.Models.CalendarItem { Kind = Abstractions.Models.TodoKind.Task, Subject = $"Task {i + 1}", End = at }), CancellationToken.None);
                if (i < 5)
                {
                    await store.AddTodoAsync(new Core.Leading.TodoDraft(bert.Id, new Abstractions.Models.CalendarItem { Kind = Abstractions.Models.TodoKind.Appointment, Subject = $"Bert {i + 1}", Start = at, End = at.AddHours(1) }), CancellationToken.None);
                }
            }
        }

        await SignInAsync("anna", WebHostInstance.AnnaPassword);
        await Page.GotoAsync("/todos");
        Assert.That(await Page.InnerTextAsync("#page-position"), Is.EqualTo("Page 1 of 3"), "120 to-dos of Anna");
        Assert.That(await Page.Locator("#todos tbody tr").CountAsync(), Is.EqualTo(50));
        Assert.That(await Page.InnerTextAsync("#todos caption"), Does.StartWith("120 "));
        Assert.That(await Page.Locator("#page-prev").CountAsync(), Is.Zero);

        await Page.SelectOptionAsync("#Kind", "appointment");
        await SubmitAsync(Page, "form.filters button");
        Assert.That(await Page.InnerTextAsync("#page-position"), Is.EqualTo("Page 1 of 2"));
        Assert.That(await RowIdsAsync(), Is.EqualTo(appointments.Take(50)));

        await SubmitAsync(Page, "#page-next");
        var url = new Uri(Page.Url);
        Assert.That(url.Query, Does.Contain("Kind=appointment").And.Contain("page=2"));
        Assert.That(await Page.InnerTextAsync("#page-position"), Is.EqualTo("Page 2 of 2"));
        Assert.That(await RowIdsAsync(), Is.EqualTo(appointments.Skip(50)), "page 2 holds appointments 51 to 60, no task, nothing of Bert");
        Assert.That(await Page.InputValueAsync("#Kind"), Is.EqualTo("appointment"), "the filter stays chosen");
        Assert.That(await Page.Locator("#page-next").CountAsync(), Is.Zero);
        await AssertAccessibleAsync(Page, "to-dos (page 2)");
        await ScreenshotAsync(Page, "todos-page-2");

        await SubmitAsync(Page, "#page-prev");
        Assert.That(await Page.InnerTextAsync("#page-position"), Is.EqualTo("Page 1 of 2"));
        Assert.That(new Uri(Page.Url).Query, Does.Contain("Kind=appointment"));

        await Page.GotoAsync("/todos?Kind=appointment&page=99");
        Assert.That(await Page.InnerTextAsync("#page-position"), Is.EqualTo("Page 2 of 2"), "past the end shows the last page");
        Assert.That(await RowIdsAsync(), Is.EqualTo(appointments.Skip(50)));
    }

    private async Task<List<long>> RowIdsAsync() =>
        (await Page.Locator("#todos tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Select(long.Parse).ToList();
}
