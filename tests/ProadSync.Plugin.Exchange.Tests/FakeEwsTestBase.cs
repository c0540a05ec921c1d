using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Targets;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>Starts one in-process fake EWS server per fixture; every test gets a fresh user (and so a fresh mailbox).</summary>
public abstract class FakeEwsTestBase
{
    protected const string Password = "s3cret!";

    private readonly List<IAsyncDisposable> _targets = [];

    protected FakeEwsServer Server { get; private set; } = null!;

    protected string User { get; private set; } = null!;

    protected FakeMailbox Mailbox => Server.State.Mailbox(User);

    [OneTimeSetUp]
    public async Task StartServerAsync() =>
        Server = await FakeEwsServer.StartAsync(new FakeEwsOptions(), CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServerAsync() => await Server.DisposeAsync();

    [SetUp]
    public void NewUser()
    {
        User = "user" + Guid.NewGuid().ToString("N")[..8];
        Server.State.AddUser(User, Password);
        Server.State.InjectServerBusy(0, 0, ServerBusyShape.Fault);
        Server.State.InjectAuthFailures(0);
    }

    [TearDown]
    public async Task DisposeTargetsAsync()
    {
        foreach (var target in _targets)
        {
            await target.DisposeAsync();
        }

        _targets.Clear();
    }

    protected TargetSettings Settings(string? password = null, Dictionary<string, string>? options = null) => new()
    {
        Url = Server.Endpoint.ToString(),
        UserName = User,
        Password = password ?? Password,
        Options = options ?? new Dictionary<string, string>(),
    };

    protected async Task<ICalendarTarget> CalendarAsync(string? password = null, Dictionary<string, string>? options = null)
    {
        var target = await Factories.GetRequiredService<ICalendarTargetFactory>().CreateAsync(Settings(password, options), CancellationToken.None);
        _targets.Add(target);
        return target;
    }

    protected async Task<IContactTarget> ContactsAsync(Dictionary<string, string>? options = null, ITargetStateStore? state = null)
    {
        var target = await Factories.GetRequiredService<IContactTargetFactory>().CreateAsync(
            Settings(null, options) with { State = state ?? NullTargetStateStore.Instance }, CancellationToken.None);
        _targets.Add(target);
        return target;
    }

    private static readonly IServiceProvider Factories = BuildFactories();

    private static IServiceProvider BuildFactories()
    {
        var services = new ServiceCollection();
        new ExchangePluginRegistrar().Register(services);
        return services.BuildServiceProvider();
    }
}
