using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;

namespace Partner.Plugin.Tests;

/// <summary>
/// The plugin's calendar target runs the shared connector test kit: every test of
/// <see cref="CalendarTargetContractTests"/> is inherited. Point <see cref="CreateTargetAsync"/> at a test server
/// (on 127.0.0.1 only) with an empty calendar per test.
/// </summary>
[TestFixture]
public sealed class CalendarContractTests : CalendarTargetContractTests
{
    private string _url = string.Empty;

    [SetUp]
    public void NewCalendar() => _url = "sample://calendar/" + Guid.NewGuid().ToString("N");

    protected override async Task<ICalendarTarget> CreateTargetAsync()
    {
        // Created exactly as the host does it: through the registrar and the factory it registers.
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        new PluginRegistrar().Register(services);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetServices<ICalendarTargetFactory>().Single(f => f.PluginId == PluginRegistrar.PluginId);
        return await factory.CreateAsync(new TargetSettings { Url = _url, UserName = "kit" }, CancellationToken.None);
    }
}
