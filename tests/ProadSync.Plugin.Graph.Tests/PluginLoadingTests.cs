using System.Reflection;
using ProadSync.Abstractions.Plugins;
using ProadSync.PluginHost;

namespace ProadSync.Plugin.Graph.Tests;

/// <summary>The built plugin folder loads in the host's plugin loader, with the Graph SDK and Azure.Identity private to it.</summary>
public sealed class PluginLoadingTests
{
    private static readonly string BuiltDirectory = typeof(PluginLoadingTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GraphPluginDirectory").Value!;

    private string _root = string.Empty;

    [SetUp]
    public void CopyPlugin()
    {
        _root = Path.Combine(Path.GetTempPath(), "proadsync-graph-load-" + Guid.NewGuid().ToString("N"));
        var target = Path.Combine(_root, "graph");
        foreach (var file in Directory.GetFiles(BuiltDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(BuiltDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    [TearDown]
    public void RemoveCopy() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task The_plugin_folder_loads_and_its_target_passes_the_connection_test()
    {
        Assert.That(File.Exists(Path.Combine(_root, "graph", "ProadSync.Abstractions.dll")), Is.False, "the contract comes from the host");
        var options = new PluginHostOptions();
        options.RootDirectories.Add(_root);
        using var catalog = PluginCatalogFactory.Create(options);

        var descriptor = catalog.Plugins.Single();
        Assert.That(descriptor.State, Is.EqualTo(PluginState.Active), descriptor.Reason);
        Assert.That(descriptor.Manifest!.Kinds, Is.EqualTo(new[] { PluginKind.CalendarTarget, PluginKind.ContactTarget }));
        Assert.That(descriptor.Manifest.Interface, Is.EqualTo("exchange"));

        await using var ctx = await GraphTestContext.StartAsync();
        var factory = catalog.FindCalendarTargetFactory("graph");
        Assert.That(factory, Is.Not.Null);
        await using var target = await factory!.CreateAsync(ctx.Settings(), CancellationToken.None);
        Assert.That(target.GetType().Assembly, Is.Not.SameAs(typeof(GraphPluginRegistrar).Assembly), "loaded in its own context");
        var report = await target.TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Steps.Select(s => s.Message)));
        Assert.That(catalog.FindContactTargetFactory("graph"), Is.Not.Null);
    }
}
