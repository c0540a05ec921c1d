using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;

namespace ProadSync.Plugin.Vdir.Tests;

/// <summary>The four modes through the engine against the vdir plugin, each test in a fresh temp folder.</summary>
[TestFixture]
public sealed class VdirModeTests : ModeContractTests
{
    private string _root = string.Empty;

    [SetUp]
    public void MakeFolder() => _root = Path.Combine(Path.GetTempPath(), "proadsync-vdir-modes-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    protected override async Task<ICalendarTarget> CreateTargetAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        new VdirPluginRegistrar().Register(services);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetServices<ICalendarTargetFactory>().Single(f => f.PluginId == "vdir");
        return await factory.CreateAsync(new TargetSettings { Url = _root }, CancellationToken.None);
    }
}
