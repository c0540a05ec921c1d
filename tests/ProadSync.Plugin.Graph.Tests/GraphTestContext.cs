using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Targets;
using ProadSync.FakeGraph;

namespace ProadSync.Plugin.Graph.Tests;

/// <summary>A fake Graph server on loopback and the plugin's factories, resolved the way the host does.</summary>
internal sealed class GraphTestContext : IAsyncDisposable
{
    public const string Mailbox = "anna@contoso.example";

    private readonly ServiceProvider _services;

    private GraphTestContext(FakeGraphServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
    }

    public FakeGraphServer Server { get; }

    public FakeGraphState Fake => Server.State;

    public ICalendarTargetFactory CalendarFactory => _services.GetRequiredService<ICalendarTargetFactory>();

    public IContactTargetFactory ContactFactory => _services.GetRequiredService<IContactTargetFactory>();

    public static async Task<GraphTestContext> StartAsync(FakeGraphOptions? options = null)
    {
        var server = await FakeGraphServer.StartAsync(options);
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        new GraphPluginRegistrar().Register(services);
        return new GraphTestContext(server, services.BuildServiceProvider());
    }

    public TargetSettings Settings(string? secret = null, string mailbox = Mailbox, int pageSize = 100, int maxRetryAfterSeconds = 30) => new()
    {
        Url = Server.GraphUrl.ToString(),
        UserName = mailbox,
        Password = secret ?? Fake.Options.ClientSecret,
        Options = new Dictionary<string, string>
        {
            ["tenantId"] = Fake.Options.TenantId,
            ["clientId"] = Fake.Options.ClientId,
            ["authority"] = Server.BaseAddress.ToString(),
            ["pageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["maxRetryAfterSeconds"] = maxRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    public ValueTask<ICalendarTarget> CalendarAsync(TargetSettings? settings = null) =>
        CalendarFactory.CreateAsync(settings ?? Settings(), CancellationToken.None);

    public ValueTask<IContactTarget> ContactsAsync(TargetSettings? settings = null) =>
        ContactFactory.CreateAsync(settings ?? Settings(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
