using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Hosting;
using ProadSync.Hosting.Accounts;
using ProadSync.Hosting.Runs;
using ProadSync.Hosting.Runs.Resilience;
using ProadSync.Reliability.Tests.Support;

namespace ProadSync.Reliability.Tests.Hostile;

/// <summary>One database, user and account in a temporary home, run through the host's services like the command line does.</summary>
internal sealed class HostileHarness : IAsyncDisposable
{
    public const string Database = "hostile";
    private readonly string _work;

    private HostileHarness(string work, HostServices services, ILeadingSystem store, long userId)
    {
        _work = work;
        Services = services;
        Store = store;
        UserId = userId;
    }

    public HostServices Services { get; }

    public ILeadingSystem Store { get; }

    public long UserId { get; }

    public string Work => _work;

    public static async Task<HostileHarness> CreateAsync(string pluginId, string url, SyncMode mode, IReadOnlyDictionary<string, string>? options = null, string? user = null, string? password = null)
    {
        var work = Repo.TempFolder("proadsync-rel-hostile");
        var services = await HostServices.CreateAsync(
            ProadSyncHome.Resolve(Path.Combine(work, "home"), null), TimeProvider.System, NullLoggerFactory.Instance, [Repo.Plugins],
            new TargetRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
            CancellationToken.None);
        await services.Licensing.InstallDevelopmentLicenceAsync();
        await services.Catalog.AddDatabaseAsync(Database, null, "Europe/Berlin", CancellationToken.None);
        await services.Licensing.SetEnabledAsync(Database, "caldav", true);
        var store = await services.Catalog.OpenAsync(Database, CancellationToken.None);
        var anna = await store.AddUserAsync("anna", "Anna", true, CancellationToken.None);
        await services.Accounts.SetAsync(Database, "anna", new AccountChange
        {
            PluginId = pluginId,
            Url = url.Replace("{work}", work, StringComparison.Ordinal),
            UserName = user,
            Password = password,
            Options = options ?? new Dictionary<string, string>(),
            Mode = mode,
            Enabled = true,
        }, CancellationToken.None);
        return new HostileHarness(work, services, store, anna.Id);
    }

    public async Task<Todo> AddAsync(string subject, int day = 3, TodoKind kind = TodoKind.Appointment)
    {
        var start = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(day).AddHours(9);
        return await Store.AddTodoAsync(new TodoDraft(UserId, new CalendarItem
        {
            Kind = kind,
            Subject = subject,
            Start = kind == TodoKind.Task ? null : start,
            End = start.AddHours(1),
            TimeZoneId = "Europe/Berlin",
        }), CancellationToken.None);
    }

    public async Task<AccountRunResult> RunAsync(CancellationToken cancellationToken) =>
        (await Services.Sync.RunAsync(new SyncRequest { Database = Database }, cancellationToken)).Single();

    /// <summary>The leading store as text (subjects, marks), to prove a bad run changed nothing.</summary>
    public async Task<string> LeadingSnapshotAsync()
    {
        var todos = await Store.ListTodosAsync(new TodoQuery { IncludeExternallyDeleted = true }, CancellationToken.None);
        return string.Join("\n", todos.OrderBy(t => t.Id).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Id}|{t.Revision}|{t.Content.Subject}|{t.ExternallyDeleted}")));
    }

    public async Task<SyncAccount> AccountAsync() => (await Store.GetAccountByUserAsync(UserId, CancellationToken.None))!;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Repo.DeleteQuietly(_work);
    }
}
