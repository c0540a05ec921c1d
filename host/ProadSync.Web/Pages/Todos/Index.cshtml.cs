using Microsoft.AspNetCore.Mvc;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Web.Pages.Todos;

/// <summary>The to-do list with the columns "sync active" and "externally deleted" (R-STAT-1) and filters.</summary>
public sealed class IndexModel : ProadSyncPageModel
{
    /// <summary><c>appointment</c>, <c>task</c> or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary><c>yes</c>, <c>no</c> or empty: filter on "sync active".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sync { get; set; }

    /// <summary><c>yes</c>, <c>no</c> or empty: filter on "externally deleted".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Deleted { get; set; }

    /// <summary>Admins: only this responsible user.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Responsible { get; set; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<Todo> Todos { get; private set; } = [];

    /// <summary>User id → login.</summary>
    public IReadOnlyDictionary<long, string> Logins { get; private set; } = new Dictionary<long, string>();

    /// <summary>Lists the to-dos: a user's own, an admin's choice.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await using var store = await OpenStoreAsync();
        var users = await store.ListUsersAsync(HttpContext.RequestAborted);
        Logins = users.ToDictionary(u => u.Id, u => u.Login);
        long? userId;
        if (Me.IsAdmin)
        {
            userId = string.IsNullOrWhiteSpace(Responsible) ? null
                : users.FirstOrDefault(u => string.Equals(u.Login, Responsible.Trim(), StringComparison.OrdinalIgnoreCase))?.Id ?? -1;
        }
        else
        {
            userId = users.First(u => string.Equals(u.Login, Me.Login, StringComparison.OrdinalIgnoreCase)).Id;
        }

        TodoKind? kind = Kind switch { "appointment" => TodoKind.Appointment, "task" => TodoKind.Task, _ => null };
        IEnumerable<Todo> todos = await store.ListTodosAsync(new TodoQuery { ResponsibleUserId = userId, Kind = kind }, HttpContext.RequestAborted);
        if (Flag(Sync) is { } sync)
        {
            todos = todos.Where(t => t.SyncActive == sync);
        }

        if (Flag(Deleted) is { } deleted)
        {
            todos = todos.Where(t => t.ExternallyDeleted == deleted);
        }

        Todos = todos.ToList();
        return Page();
    }

    private static bool? Flag(string? value) => value switch { "yes" => true, "no" => false, _ => null };
}
