using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;

namespace ProadSync.Plugin.Vdir.Tests;

/// <summary>The vdir plugin passes the shared connector contract, each test in a fresh temp folder.</summary>
[TestFixture]
public sealed class VdirContractTests : CalendarTargetContractTests
{
    private string _root = string.Empty;

    [SetUp]
    public void MakeFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "proadsync-vdir-kit-" + Guid.NewGuid().ToString("N"));
    }

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
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero)));
        new VdirPluginRegistrar().Register(services);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetServices<ICalendarTargetFactory>().Single(f => f.PluginId == "vdir");
        return await factory.CreateAsync(new TargetSettings { Url = _root }, CancellationToken.None);
    }

    protected override Task<bool> TryPlantMalformedAsync(TodoKind kind)
    {
        var folder = Path.Combine(_root, kind == TodoKind.Task ? "tasks" : "calendar");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "broken.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:no end\r\n");
        return Task.FromResult(true);
    }
}
