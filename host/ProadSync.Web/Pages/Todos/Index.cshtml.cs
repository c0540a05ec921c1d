using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Web.Pages.Todos;

/// <summary>The to-do list with the columns "sync active" and "externally deleted" (R-STAT-1), filters and pages of <see cref="PageSize"/>.</summary>
public sealed class IndexModel : ProadSyncPageModel
{
    /// <summary>To-dos per page; the store reads only these from the database.</summary>
    public const int PageSize = 50;

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

    /// <summary>The page shown (1-based; <c>?page=</c>, read from the query because Razor Pages keep <c>page</c> as a route value).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>The rows of this page.</summary>
    public IReadOnlyList<Todo> Todos { get; private set; } = [];

    /// <summary>How many to-dos match the filters on all pages.</summary>
    public int TotalCount { get; private set; }

    /// <summary>How many pages there are (at least 1).</summary>
    public int PageCount { get; private set; } = 1;

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
        var query = new TodoPageQuery
        {
            Filter = new TodoQuery { ResponsibleUserId = userId, Kind = kind },
            SyncActive = Flag(Sync),
            ExternallyDeleted = Flag(Deleted),
            Limit = PageSize,
        };

        // The store pages in the database; a page number past the end shows the last page.
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked)
            ? Math.Clamp(asked, 1, int.MaxValue / PageSize)
            : 1;
        var page = await store.ListTodoPageAsync(query with { Offset = (PageNumber - 1) * PageSize }, HttpContext.RequestAborted);
        PageCount = Math.Max(1, (page.TotalCount + PageSize - 1) / PageSize);
        if (PageNumber > PageCount)
        {
            PageNumber = PageCount;
            page = await store.ListTodoPageAsync(query with { Offset = (PageNumber - 1) * PageSize }, HttpContext.RequestAborted);
        }

        Todos = page.Todos;
        TotalCount = page.TotalCount;
        return Page();
    }

    /// <summary>The address of another page of the list with the same filters.</summary>
    /// <param name="pageNumber">The page (1-based).</param>
    /// <returns>A local URL.</returns>
    public string PageUrl(int pageNumber)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(new KeyValuePair<string, string?>(name, value.Trim()));
            }
        }

        Add(nameof(Kind), Kind);
        Add(nameof(Sync), Sync);
        Add(nameof(Deleted), Deleted);
        if (Me.IsAdmin)
        {
            Add(nameof(Responsible), Responsible);
        }

        Add("page", pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/todos" + QueryString.Create(query).ToUriComponent();
    }

    private static bool? Flag(string? value) => value switch { "yes" => true, "no" => false, _ => null };
}
