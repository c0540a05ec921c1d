using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Hosting;

namespace ProadSync.Web.Tests;

/// <summary>
/// One host for a test: a temp home folder with database <c>acme</c> (users <c>root</c> the admin, <c>anna</c> and
/// <c>bert</c>, all with web passwords), the built-in plugins, and the web UI on a free loopback port.
/// </summary>
internal sealed class WebHostInstance : IAsyncDisposable
{
    public const string Database = "acme";
    public const string AdminPassword = "admin-secret-1";
    public const string AnnaPassword = "anna-secret-12";
    public const string BertPassword = "bert-secret-12";

    private readonly WebApplication _app;

    private WebHostInstance(string root, HostServices services, WebApplication app, string baseUrl)
    {
        Root = root;
        Services = services;
        _app = app;
        BaseUrl = baseUrl;
    }

    public string Root { get; }

    public HostServices Services { get; }

    public string BaseUrl { get; }

    public static string RepoRoot { get; } = typeof(WebHostInstance).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static async Task<WebHostInstance> StartAsync(bool licensed, WebOptions? options = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "proadsync-web-" + Guid.NewGuid().ToString("N"));
        var home = ProadSyncHome.Resolve(root, null);
        var services = await HostServices.CreateAsync(home, TimeProvider.System, NullLoggerFactory.Instance, [Path.Combine(RepoRoot, "artifacts", "plugins")], CancellationToken.None);
        await services.Catalog.AddDatabaseAsync(Database, null, "Europe/Berlin", CancellationToken.None);
        await using (var store = await services.Catalog.OpenAsync(Database, CancellationToken.None))
        {
            await store.AddUserAsync("root", "Rita Root", true, CancellationToken.None);
            await store.AddUserAsync("anna", "Anna Arendt", true, CancellationToken.None);
            await store.AddUserAsync("bert", "Bert Brecht", true, CancellationToken.None);
        }

        await services.Users.SetPasswordAsync(Database, "root", AdminPassword, CancellationToken.None);
        await services.Users.SetAdminAsync(Database, "root", true, CancellationToken.None);
        await services.Users.SetPasswordAsync(Database, "anna", AnnaPassword, CancellationToken.None);
        await services.Users.SetPasswordAsync(Database, "bert", BertPassword, CancellationToken.None);
        if (licensed)
        {
            await services.Licensing.InstallDevelopmentLicenceAsync(CancellationToken.None);
        }

        var app = await ProadSyncWebApp.CreateAsync(services, (options ?? new WebOptions()) with { Urls = "http://127.0.0.1:0", LoggerFactory = NullLoggerFactory.Instance });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WebHostInstance(root, services, app, address.TrimEnd('/'));
    }

    public async Task<long> AddAppointmentAsync(string login, string subject, int daysAhead)
    {
        await using var store = await Services.Catalog.OpenAsync(Database, CancellationToken.None);
        var user = await store.FindUserAsync(login, CancellationToken.None) ?? throw new InvalidOperationException(login);
        var start = TimeProvider.System.GetUtcNow().AddDays(daysAhead);
        var todo = await store.AddTodoAsync(
            new TodoDraft(user.Id, new CalendarItem { Kind = TodoKind.Appointment, Subject = subject, Start = start, End = start.AddHours(1) }),
            CancellationToken.None);
        return todo.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
