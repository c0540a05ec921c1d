using Microsoft.AspNetCore.Mvc;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Web.Pages.Todos;

/// <summary>A to-do's properties: its fields, sync state, links (external ids) and the journal of overwritten external versions.</summary>
public sealed class DetailsModel : ProadSyncPageModel
{
    /// <summary>The to-do's id.</summary>
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The to-do.</summary>
    public Todo? Todo { get; private set; }

    /// <summary>The responsible user's login.</summary>
    public string? Responsible { get; private set; }

    /// <summary>The links, each with the login of its account's user.</summary>
    public IReadOnlyList<(SyncLink Link, string Login)> Links { get; private set; } = [];

    /// <summary>The journal, newest first.</summary>
    public IReadOnlyList<JournalEntry> Journal { get; private set; } = [];

    /// <summary>Shows the to-do to its responsible user or an admin.</summary>
    /// <returns>The page, 404 or a refusal.</returns>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    /// <summary>Clears the mark "externally deleted" so the to-do is synchronised again.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostResumeAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        await using (var store = await OpenStoreAsync())
        {
            await store.ClearExternallyDeletedAsync(Id, HttpContext.RequestAborted);
        }

        Message = PageMessage.Ok(T["The mark \"externally deleted\" was removed; the next run synchronises the to-do again."]);
        return await LoadAsync() ?? Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        await using var store = await OpenStoreAsync();
        var todo = await store.GetTodoAsync(Id, HttpContext.RequestAborted);
        if (todo is null)
        {
            return NotFound();
        }

        var users = (await store.ListUsersAsync(HttpContext.RequestAborted)).ToDictionary(u => u.Id);
        Responsible = users.TryGetValue(todo.ResponsibleUserId, out var r) ? r.Login : null;
        if (Responsible is null || !Me.MayAccess(Responsible))
        {
            return Forbid();
        }

        Todo = todo;
        var accounts = (await store.ListAccountsAsync(HttpContext.RequestAborted)).ToDictionary(a => a.Id);
        var kind = todo.Kind == TodoKind.Appointment ? LinkKind.Appointment : LinkKind.Task;
        Links = (await store.ListLinksOfItemAsync(kind, todo.Id, HttpContext.RequestAborted))
            .Select(l => (l, accounts.TryGetValue(l.AccountId, out var a) && users.TryGetValue(a.UserId, out var u) ? u.Login : "?"))
            .ToList();
        Journal = await store.ListJournalAsync(todo.Id, HttpContext.RequestAborted);
        return null;
    }
}
