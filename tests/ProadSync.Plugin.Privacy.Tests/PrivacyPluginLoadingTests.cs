using System.Reflection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.PluginHost;

namespace ProadSync.Plugin.Privacy.Tests;

/// <summary>The laid-out plugin folder loads through the host's catalog like a dropped-in plugin.</summary>
[TestFixture]
public sealed class PrivacyPluginLoadingTests
{
    private static string PluginsRoot { get; } =
        typeof(PrivacyPluginLoadingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PluginsRoot").Value!;

    private string _root = string.Empty;

    [SetUp]
    public void CopyPlugin()
    {
        // A root with only this plugin, copied from artifacts/plugins/privacy (what an admin would drop in).
        _root = Path.Combine(Path.GetTempPath(), "proadsync-privacy-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(PluginsRoot, "privacy");
        Assert.That(Directory.Exists(source), Is.True, $"the plugin was not laid out in {source}");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(_root, "privacy", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    [TearDown]
    public void RemoveRoot()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void The_laid_out_folder_holds_no_contract_assembly()
    {
        Assert.That(File.Exists(Path.Combine(_root, "privacy", "ProadSync.Abstractions.dll")), Is.False);
    }

    [Test]
    public void Loads_as_an_active_licence_neutral_plugin_and_provides_both_mappers()
    {
        var options = new PluginHostOptions();
        options.RootDirectories.Add(_root);
        using var catalog = PluginCatalogFactory.Create(options);

        var plugin = catalog.Plugins.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plugin.Id, Is.EqualTo("privacy"));
            Assert.That(plugin.State, Is.EqualTo(PluginState.Active), plugin.Reason);
            Assert.That(plugin.Manifest!.Interface, Is.Null, "field mappers are licence-neutral");
            Assert.That(catalog.StateFor("privacy", "Demo"), Is.EqualTo(PluginState.Active));
        }

        var privacy = catalog.FindFieldMapper("privacy");
        var jobPrefix = catalog.FindFieldMapper("jobprefix");
        Assert.That(privacy, Is.Not.Null);
        Assert.That(jobPrefix, Is.Not.Null);

        // The loaded mapper (from its own load context) works through the shared contract types.
        var context = new FieldMappingContext("Demo", "caldav") { Options = new Dictionary<string, string> { ["subject"] = "Job {number}" } };
        var external = privacy!.ToExternal(PrivacyMapperTests.Todo(), context);
        Assert.That((external.Subject, external.Description, external.Location, external.ShowAs), Is.EqualTo(("Job J-2026-041", (string?)null, (string?)null, ShowAs.Busy)));
        Assert.That(privacy.GetType().Assembly, Is.Not.SameAs(typeof(PrivacyFieldMapper).Assembly), "the host loaded its own copy");
    }
}
