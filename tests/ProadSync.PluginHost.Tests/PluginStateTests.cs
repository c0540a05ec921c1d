using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Targets;

namespace ProadSync.PluginHost.Tests;

/// <summary>Disabled and unlicensed plugins, the per-database state and how states are written out.</summary>
public class PluginStateTests
{
    private TestPlugins _plugins = null!;

    [SetUp]
    public void SetUp() => _plugins = new TestPlugins();

    [TearDown]
    public void TearDown() => _plugins.Dispose();

    [Test]
    public void Disabled_plugin_is_reported_and_offers_nothing()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        _plugins.Copy("test-json-new", root);
        var options = new PluginHostOptions();
        options.RootDirectories.Add(root);
        options.DisabledPluginIds.Add("test-good");
        using var catalog = PluginCatalogFactory.Create(options);

        var disabled = catalog.Plugins.Single(p => p.Id == "test-good");
        Assert.Multiple(() =>
        {
            Assert.That(disabled.State, Is.EqualTo(PluginState.Disabled));
            Assert.That(disabled.Reason, Is.EqualTo("An administrator disabled the plugin."));
            Assert.That(disabled.Manifest!.Name, Is.EqualTo("Test: good plugin"));
            Assert.That(catalog.FindCalendarTargetFactory("test-good"), Is.Null);
            Assert.That(catalog.FindFieldMapper("test-good-mapper"), Is.Null);
            Assert.That(catalog.StateFor("test-good", "db1"), Is.EqualTo(PluginState.Disabled));
            Assert.That(catalog.StateFor("test-json-new", "db1"), Is.EqualTo(PluginState.Active));
        });
    }

    [Test, Category("R-SM-2")]
    public void Licence_policy_decides_per_database_and_licence_neutral_plugins_stay_active()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        _plugins.Copy("test-json-old", root);
        _plugins.Copy("test-throwing-registrar", root);
        var policy = new DenyingLicensePolicy(deniedFeature: "test-feature", deniedDatabase: "db2");
        var options = new PluginHostOptions();
        options.RootDirectories.Add(root);
        using var catalog = PluginCatalogFactory.Create(options, licensePolicy: policy);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.StateFor("test-good", "db1"), Is.EqualTo(PluginState.Active));
            Assert.That(catalog.StateFor("test-good", "db2"), Is.EqualTo(PluginState.Unlicensed));
            Assert.That(catalog.StateFor("test-json-old", "db2"), Is.EqualTo(PluginState.Active), "a plugin without 'interface' is licence-neutral");
            Assert.That(catalog.StateFor("test-throwing-registrar", "db2"), Is.EqualTo(PluginState.Malfunctioned));
            Assert.That(catalog.StateFor("no-such-plugin", "db1"), Is.Null);
            Assert.That(catalog.Plugins.Single(p => p.Id == "test-good").State, Is.EqualTo(PluginState.Active), "the database-free state is unchanged");
            Assert.That(policy.Questions.Select(q => q.PluginId).Distinct(), Is.EqualTo(new[] { "test-good" }));
        });
    }

    [Test]
    public void Default_policy_licenses_everything()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        var options = new PluginHostOptions();
        options.RootDirectories.Add(root);
        using var catalog = PluginCatalogFactory.Create(options);

        Assert.That(catalog.StateFor("test-good", "any"), Is.EqualTo(PluginState.Active));
    }

    [TestCase(PluginState.Active, "active")]
    [TestCase(PluginState.Disabled, "disabled")]
    [TestCase(PluginState.Unlicensed, "unlicensed")]
    [TestCase(PluginState.NotSupported, "notSupported")]
    [TestCase(PluginState.Malfunctioned, "malfunctioned")]
    public void States_serialise_camel_case(PluginState state, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(state), Is.EqualTo($"\"{expected}\""));
            Assert.That(JsonSerializer.Deserialize<PluginState>($"\"{expected}\""), Is.EqualTo(state));
        });
    }

    [Test]
    public void Descriptor_serialises_with_its_state_as_text()
    {
        var descriptor = new PluginDescriptor("x", null, PluginState.NotSupported, "Because.", "/plugins/x");

        Assert.That(JsonSerializer.Serialize(descriptor), Does.Contain("\"State\":\"notSupported\""));
    }

    [Test]
    public async Task Service_collection_extension_uses_the_hosts_logger_clock_and_licence_policy()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        using var logs = new CapturingLoggerFactory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IPluginLicensePolicy>(new DenyingLicensePolicy("test-feature", "db2"));
        services.AddProadSyncPlugins(o => o.RootDirectories.Add(root));

        await using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<IPluginCatalog>();
        await using var target = await catalog.FindCalendarTargetFactory("test-good")!
            .CreateAsync(new TargetSettings { Url = "http://127.0.0.1/" }, CancellationToken.None);
        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(catalog, Is.SameAs(provider.GetRequiredService<IPluginCatalog>()));
            Assert.That(catalog.StateFor("test-good", "db2"), Is.EqualTo(PluginState.Unlicensed));
            Assert.That(report.Steps.Single().Message, Does.StartWith("2030-01-02T03:04:05"));
            Assert.That(logs.Entries.Any(e => e.Message.StartsWith("Plugin catalog loaded", StringComparison.Ordinal)), Is.True);
        });
    }
}
