using System.Globalization;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Plugins;
using ProadSync.Abstractions.Targets;

namespace ProadSync.PluginHost.Tests;

/// <summary>Plugins that load: what they expose, what they share with the host and what they keep to themselves.</summary>
public class PluginLoadingTests
{
    private TestPlugins _plugins = null!;

    [SetUp]
    public void SetUp() => _plugins = new TestPlugins();

    [TearDown]
    public void TearDown() => _plugins.Dispose();

    [Test]
    public void Good_plugin_is_active_with_its_manifest_and_all_three_kinds()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        using var catalog = PluginCatalogFactory.Create(Options(root));

        var descriptor = catalog.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Id, Is.EqualTo("test-good"));
            Assert.That(descriptor.State, Is.EqualTo(PluginState.Active));
            Assert.That(descriptor.Reason, Is.Null);
            Assert.That(descriptor.DirectoryPath, Is.EqualTo(folder));
            Assert.That(descriptor.Manifest!.Name, Is.EqualTo("Test: good plugin"));
            Assert.That(descriptor.Manifest.Version, Is.EqualTo("1.2.3"));
            Assert.That(descriptor.Manifest.ContractVersion, Is.EqualTo(new Version(1, 0)));
            Assert.That(descriptor.Manifest.Kinds, Is.EqualTo(new[] { PluginKind.CalendarTarget, PluginKind.ContactTarget, PluginKind.FieldMapper }));
            Assert.That(descriptor.Manifest.Interface, Is.EqualTo("test-feature"));
            Assert.That(catalog.FindCalendarTargetFactory("test-good"), Is.Not.Null);
            Assert.That(catalog.FindContactTargetFactory("test-good"), Is.Not.Null);
            Assert.That(catalog.FindFieldMapper("test-good-mapper"), Is.Not.Null);
            Assert.That(catalog.FindCalendarTargetFactory("nope"), Is.Null);
            Assert.That(catalog.FindFieldMapper("default"), Is.Null);
        });
    }

    [Test]
    public async Task Plugin_services_receive_the_host_clock_and_logger()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var logs = new CapturingLoggerFactory();
        using var catalog = PluginCatalogFactory.Create(Options(root), logs, clock);

        var factory = catalog.FindCalendarTargetFactory("test-good")!;
        await using var target = await factory.CreateAsync(new TargetSettings { Url = "http://127.0.0.1/", Password = "secret" }, CancellationToken.None);
        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(report.Steps.Single().Message, Is.EqualTo(clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
            Assert.That(target.Capabilities.MaxParallelWrites, Is.EqualTo(3));
            Assert.That(
                logs.Entries.Any(e => e.Category == "ProadSync.TestPlugins.Good.GoodCalendarTargetFactory" && e.Message == "Creating a test-good calendar target"),
                Is.True,
                "the plugin's ILogger<T> must come from the host's logger factory");
            Assert.That(logs.Entries.Any(e => e.Message.Contains("secret", StringComparison.Ordinal)), Is.False);
        });
    }

    [Test]
    public void Plugin_types_implement_the_hosts_contract_types_from_a_load_context_of_their_own()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        using var catalog = PluginCatalogFactory.Create(Options(root));

        var mapper = catalog.FindFieldMapper("test-good-mapper")!;
        var pluginContext = AssemblyLoadContext.GetLoadContext(mapper.GetType().Assembly)!;
        var mapped = mapper.ToExternal(
            new LeadingTodo(1, new CalendarItem { Kind = TodoKind.Appointment, Subject = "Meeting" }),
            new FieldMappingContext("db1", "test-good"));

        var privateNames = pluginContext.Assemblies.Select(a => a.GetName().Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pluginContext, Is.Not.SameAs(AssemblyLoadContext.Default));
            Assert.That(mapper, Is.InstanceOf<IFieldMapper>());
            Assert.That(mapped.Subject, Is.EqualTo("[good] Meeting"));
            Assert.That(privateNames, Does.Contain("ProadSync.TestPlugins.Good"));
            // Exactly the contract and the Microsoft.Extensions abstractions are shared: never loaded privately.
            Assert.That(privateNames, Does.Not.Contain("ProadSync.Abstractions"));
            Assert.That(privateNames, Does.Not.Contain("Microsoft.Extensions.DependencyInjection.Abstractions"));
            Assert.That(privateNames, Does.Not.Contain("Microsoft.Extensions.Logging.Abstractions"));
        });
    }

    [Test]
    public void Contract_and_abstractions_stay_shared_even_when_a_plugin_ships_its_own_copies()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        foreach (var shared in new[] { typeof(IPluginRegistrar), typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection), typeof(ILogger) })
        {
            File.Copy(shared.Assembly.Location, Path.Combine(folder, Path.GetFileName(shared.Assembly.Location)));
        }

        using var catalog = PluginCatalogFactory.Create(Options(root));

        var descriptor = catalog.Plugins.Single();
        Assert.That(descriptor.State, Is.EqualTo(PluginState.Active), descriptor.Reason);
        var pluginContext = AssemblyLoadContext.GetLoadContext(catalog.FindFieldMapper("test-good-mapper")!.GetType().Assembly)!;
        Assert.That(
            pluginContext.Assemblies.Select(a => a.GetName().Name),
            Has.None.StartsWith("ProadSync.Abstractions").And.None.StartsWith("Microsoft.Extensions."));
    }

    [Test]
    public void Two_plugins_with_conflicting_private_dependency_versions_load_side_by_side()
    {
        // The host has its own Newtonsoft.Json loaded in the default context; it must not leak into the plugins.
        var hostJson = typeof(Newtonsoft.Json.JsonConvert).Assembly;
        Assert.That(AssemblyLoadContext.GetLoadContext(hostJson), Is.SameAs(AssemblyLoadContext.Default));
        var root = _plugins.Root();
        var oldFolder = _plugins.Copy("test-json-old", root);
        var newFolder = _plugins.Copy("test-json-new", root);
        using var catalog = PluginCatalogFactory.Create(Options(root));

        Assert.That(catalog.Plugins.Select(p => (p.Id, p.State)), Is.EquivalentTo(new[] { ("test-json-new", PluginState.Active), ("test-json-old", PluginState.Active) }));

        var oldMapper = catalog.FindFieldMapper("newtonsoft-12.0.0.0");
        var newMapper = catalog.FindFieldMapper("newtonsoft-13.0.0.0");
        Assert.That(oldMapper, Is.Not.Null, "the plugin carrying Newtonsoft.Json 12 must see version 12");
        Assert.That(newMapper, Is.Not.Null, "the plugin carrying Newtonsoft.Json 13 must see version 13");

        var oldProbe = Probe(oldMapper!);
        var newProbe = Probe(newMapper!);
        Assert.Multiple(() =>
        {
            Assert.That(oldProbe.Version, Is.EqualTo("12.0.0.0"));
            Assert.That(oldProbe.Location, Is.EqualTo(Path.Combine(oldFolder, "Newtonsoft.Json.dll")));
            Assert.That(newProbe.Version, Is.EqualTo("13.0.0.0"));
            Assert.That(newProbe.Location, Is.EqualTo(Path.Combine(newFolder, "Newtonsoft.Json.dll")));
            Assert.That(
                AssemblyLoadContext.GetLoadContext(oldMapper!.GetType().Assembly),
                Is.Not.SameAs(AssemblyLoadContext.GetLoadContext(newMapper!.GetType().Assembly)));
        });
    }

    [Test]
    public void Loading_is_lazy_and_happens_once_under_concurrent_use()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        _plugins.Copy("test-json-old", root);
        var logs = new CapturingLoggerFactory();
        using var catalog = PluginCatalogFactory.Create(Options(root), logs);

        Assert.That(logs.Entries, Is.Empty, "nothing is read before first use");

        var lists = new IReadOnlyList<PluginDescriptor>[16];
        Parallel.For(0, lists.Length, i => lists[i] = catalog.Plugins);

        Assert.Multiple(() =>
        {
            Assert.That(lists.Distinct().Count(), Is.EqualTo(1));
            Assert.That(logs.Entries.Count(e => e.Message.StartsWith("Plugin catalog loaded", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(logs.Entries.Count(e => e.Message.StartsWith("Plugin test-good 1.2.3 loaded", StringComparison.Ordinal)), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_disposed_catalog_refuses_further_use()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        var catalog = PluginCatalogFactory.Create(Options(root));
        Assert.That(catalog.Plugins, Has.Count.EqualTo(1));

        catalog.Dispose();

        Assert.Throws<ObjectDisposedException>(() => catalog.FindFieldMapper("test-good-mapper"));
    }

    private static PluginHostOptions Options(params string[] roots)
    {
        var options = new PluginHostOptions();
        foreach (var root in roots)
        {
            options.RootDirectories.Add(root);
        }

        return options;
    }

    private static (string? Version, string? Location) Probe(IFieldMapper mapper)
    {
        var item = mapper.ToExternal(
            new LeadingTodo(7, new CalendarItem { Kind = TodoKind.Task, Subject = "x" }),
            new FieldMappingContext("db1", "test"));
        using var json = JsonDocument.Parse(item.Description!);
        return (json.RootElement.GetProperty("Version").GetString(), json.RootElement.GetProperty("Location").GetString());
    }
}
