using System.Text;
using ProadSync.Abstractions.Plugins;
using ProadSync.PluginHost.Loading;

namespace ProadSync.PluginHost.Tests;

/// <summary>The manifest is parsed strictly and every refusal says why in one sentence.</summary>
public class PluginManifestReaderTests
{
    private const string Valid = """
        {
          "id": "caldav",
          "name": "CalDAV",
          "version": "1.0.0",
          "contractVersion": "1.0",
          "entryAssembly": "ProadSync.Plugins.CalDav.dll",
          "kinds": ["calendarTarget", "contactTarget"],
          "interface": "caldav"
        }
        """;

    [Test]
    public void Valid_manifest_is_read_with_all_fields()
    {
        var manifest = PluginManifestReader.Parse(Encoding.UTF8.GetBytes(Valid));

        Assert.That(manifest, Is.EqualTo(new PluginManifest
        {
            Id = "caldav",
            Name = "CalDAV",
            Version = "1.0.0",
            ContractVersion = new Version(1, 0),
            EntryAssembly = "ProadSync.Plugins.CalDav.dll",
            Kinds = manifest.Kinds,
            Interface = "caldav",
            Description = null,
        }));
        Assert.That(manifest.Kinds, Is.EqualTo(new[] { PluginKind.CalendarTarget, PluginKind.ContactTarget }));
    }

    [Test]
    public void Absent_or_null_interface_means_licence_neutral()
    {
        var withoutInterface = Valid.Replace(",\n  \"interface\": \"caldav\"", string.Empty, StringComparison.Ordinal);
        var withNull = Valid.Replace("\"interface\": \"caldav\"", "\"interface\": null", StringComparison.Ordinal);
        Assert.That(withoutInterface, Is.Not.EqualTo(Valid));

        Assert.Multiple(() =>
        {
            Assert.That(PluginManifestReader.Parse(Encoding.UTF8.GetBytes(withoutInterface)).Interface, Is.Null);
            Assert.That(PluginManifestReader.Parse(Encoding.UTF8.GetBytes(withNull)).Interface, Is.Null);
        });
    }

    [TestCase("\"id\": \"caldav\"", "\"id\": \"CalDav\"", "The manifest id 'CalDav' is not valid: use lower-case letters, digits and '-' only.")]
    [TestCase("\"id\": \"caldav\"", "\"id\": \"cal_dav\"", "The manifest id 'cal_dav' is not valid: use lower-case letters, digits and '-' only.")]
    [TestCase("\"id\": \"caldav\",", "", "The manifest has no 'id'.")]
    [TestCase("\"name\": \"CalDAV\"", "\"name\": 5", "The manifest property 'name' must be a string.")]
    [TestCase("\"name\": \"CalDAV\"", "\"name\": \" \"", "The manifest property 'name' must not be empty.")]
    [TestCase("\"contractVersion\": \"1.0\"", "\"contractVersion\": \"1\"", "The contract version '1' is not of the form 'major.minor'.")]
    [TestCase("\"contractVersion\": \"1.0\"", "\"contractVersion\": \"2.0\"", "The plugin was built for contract 2.0, but this host supports contract 1.x only.")]
    [TestCase("\"contractVersion\": \"1.0\"", "\"contractVersion\": \"0.9\"", "The plugin was built for contract 0.9, but this host supports contract 1.x only.")]
    [TestCase("\"contractVersion\": \"1.0\"", "\"contractVersion\": \"1.3\"", "The plugin needs contract 1.3, but this host supports up to 1.2; update the host.")]
    [TestCase("[\"calendarTarget\", \"contactTarget\"]", "[]", "The manifest property 'kinds' must be a non-empty array.")]
    [TestCase("[\"calendarTarget\", \"contactTarget\"]", "[\"calendar\"]", "The kind 'calendar' is unknown: use 'calendarTarget', 'contactTarget' or 'fieldMapper'.")]
    [TestCase("[\"calendarTarget\", \"contactTarget\"]", "[\"fieldMapper\", \"fieldMapper\"]", "The manifest lists the kind 'fieldMapper' twice.")]
    [TestCase("[\"calendarTarget\", \"contactTarget\"]", "[2]", "The manifest property 'kinds' must contain strings only.")]
    [TestCase("\"interface\": \"caldav\"", "\"interface\": \"caldav\", \"extra\": 1", "The manifest has an unknown property 'extra'.")]
    [TestCase("\"interface\": \"caldav\"", "\"interface\": \"caldav\", \"id\": \"other\"", "The plugin.json is not valid JSON:")]
    [TestCase("\"interface\": \"caldav\"", "\"interface\": \"caldav\",", "The plugin.json is not valid JSON:")]
    [TestCase("\"interface\": \"caldav\"", "\"interface\": \"caldav\" // licence", "The plugin.json is not valid JSON:")]
    public void Invalid_manifest_is_refused_with_a_clear_sentence(string find, string replace, string expectedStart)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.That(json, Is.Not.EqualTo(Valid), "the test case must change the manifest");

        var error = Assert.Throws<PluginManifestException>(() => PluginManifestReader.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.That(error!.Message, Does.StartWith(expectedStart));
    }

    [TestCase("[1]")]
    [TestCase("\"text\"")]
    public void Manifest_must_be_an_object(string json)
    {
        var error = Assert.Throws<PluginManifestException>(() => PluginManifestReader.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.That(error!.Message, Is.EqualTo("The plugin.json must contain a JSON object."));
    }

    [TestCase("../x.dll")]
    [TestCase("..\\x.dll")]
    [TestCase("lib/../../x.dll")]
    [TestCase("./x.dll")]
    [TestCase("lib//x.dll")]
    [TestCase("/etc/x.dll")]
    [TestCase("\\\\server\\share\\x.dll")]
    [TestCase("C:\\plugins\\x.dll")]
    [TestCase("C:x.dll")]
    [TestCase("x.exe")]
    public void Entry_assembly_paths_that_could_leave_the_folder_are_refused(string entryAssembly)
    {
        var folder = Path.Combine(Path.GetTempPath(), "proadsync-manifest-paths", "plugin");

        var error = Assert.Throws<PluginManifestException>(() => PluginManifestReader.CheckEntryAssemblyPath(folder, entryAssembly));

        Assert.That(error!.Message, Does.StartWith($"The entry assembly '{entryAssembly}'"));
    }

    [TestCase("x.dll")]
    [TestCase("lib/x.dll")]
    [TestCase("x..y.dll")]
    public void Entry_assembly_paths_inside_the_folder_are_accepted(string entryAssembly)
    {
        var folder = Path.Combine(Path.GetTempPath(), "proadsync-manifest-paths", "plugin");

        var full = PluginManifestReader.CheckEntryAssemblyPath(folder, entryAssembly);

        Assert.That(full, Does.StartWith(folder + Path.DirectorySeparatorChar));
    }

    [Test]
    public void Oversized_manifest_is_refused_before_parsing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "proadsync-manifest-size", Guid.NewGuid().ToString("N"), "big");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "plugin.json"), "{\"description\": \"" + new string('x', 70 * 1024) + "\"}");

            var error = Assert.Throws<PluginManifestException>(() => PluginManifestReader.Read(folder));

            Assert.That(error!.Message, Is.EqualTo("The plugin.json is larger than 64 KiB."));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
