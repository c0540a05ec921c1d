using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.FakeEws;
using ProadSync.PluginHost;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>The built plugin folder (artifacts/plugins/exchange) loads in the plugin host and works end to end.</summary>
public sealed class PluginLoadingTests
{
    [Test]
    public async Task The_plugin_folder_loads_and_its_targets_reach_the_fake_server()
    {
        var root = Path.Combine(RepoRoot(), "artifacts", "plugins");
        Assert.That(File.Exists(Path.Combine(root, "exchange", "plugin.json")), Is.True, "the plugin build lays out artifacts/plugins/exchange");
        Assert.That(File.Exists(Path.Combine(root, "exchange", "ProadSync.Abstractions.dll")), Is.False, "the contract is never copied beside the plugin");

        var options = new PluginHostOptions();
        options.RootDirectories.Add(root);
        using var catalog = PluginCatalogFactory.Create(options);
        var descriptor = catalog.Plugins.Single(p => p.Manifest?.Id == "exchange");
        Assert.That(catalog.StateFor("exchange", null), Is.EqualTo(PluginState.Active), descriptor.ToString());
        var calendars = catalog.FindCalendarTargetFactory("exchange");
        var contacts = catalog.FindContactTargetFactory("exchange");
        Assert.That(calendars, Is.Not.Null);
        Assert.That(contacts, Is.Not.Null);

        await using var server = await FakeEwsServer.StartAsync(
            new FakeEwsOptions { Users = new Dictionary<string, string> { ["carol"] = "pw" } }, CancellationToken.None);
        var settings = new TargetSettings { Url = server.Endpoint.ToString(), UserName = "carol", Password = "pw" };
        await using var target = await calendars!.CreateAsync(settings, CancellationToken.None);
        var report = await target.TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Steps));
        var created = await target.CreateAsync(TodoKind.Appointment, "load:1", new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = "Loaded",
            Start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
        }, CancellationToken.None);
        Assert.That(server.State.Mailbox("carol").Find(created.Item.Id)!.GetValue("Subject"), Is.EqualTo("Loaded"));
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
