using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.CalDav.Discovery;
using ProadSync.Plugin.CalDav.Probe;
using ProadSync.Plugin.CalDav.Targets;

namespace ProadSync.Plugin.CalDav.Tests;

public sealed class PluginPartsTests
{
    [Test]
    public void Scheduling_and_proxy_collections_are_skipped()
    {
        Assert.That(DavDiscovery.IsSkipped(new Uri("http://h/caldav.php/test/.in/")), Is.True);
        Assert.That(DavDiscovery.IsSkipped(new Uri("http://h/caldav.php/test/.out/")), Is.True);
        Assert.That(DavDiscovery.IsSkipped(new Uri("http://h/caldav.php/test/calendar-proxy-read/")), Is.True);
        Assert.That(DavDiscovery.IsSkipped(new Uri("http://h/dav.php/calendars/test/outbox/")), Is.True);
        Assert.That(DavDiscovery.IsSkipped(new Uri("http://h/caldav.php/test/calendar/")), Is.False);
    }

    [Test]
    public void Profiles_are_detected_from_the_answer_headers()
    {
        Assert.That(ServerProfiles.Detect(new Dictionary<string, string> { ["X-DAViCal-Version"] = "DAViCal/1.1.12" }), Is.EqualTo("davical"));
        Assert.That(ServerProfiles.Detect(new Dictionary<string, string> { ["X-Sabre-Version"] = "1.8.12" }), Is.EqualTo("baikal"));
        Assert.That(ServerProfiles.Detect(new Dictionary<string, string> { ["Server"] = "WSGIServer/0.2 CPython/3.11.2" }), Is.EqualTo("radicale"));
        Assert.That(ServerProfiles.Detect(new Dictionary<string, string> { ["Server"] = "Python/3.11 aiohttp/3.8.4" }), Is.EqualTo("xandikos"));
        Assert.That(ServerProfiles.Detect(new Dictionary<string, string> { ["Server"] = "nginx" }), Is.EqualTo("generic"));
    }

    [Test]
    public void Cursors_round_trip_and_foreign_values_are_not_cursors()
    {
        var cursor = new DavCursor("abc123", "ctag;1", "http://radicale.org/ns/sync/xyz", 3);

        Assert.That(DavCursor.Parse(cursor.ToString()), Is.EqualTo(cursor));
        Assert.That(DavCursor.Parse("not-a-cursor"), Is.Null);
        Assert.That(DavCursor.Parse(null), Is.Null);
        Assert.That(DavCursor.KeyOf(new Uri("http://h/a/b/")), Is.EqualTo(DavCursor.KeyOf(new Uri("http://h/a/b"))));
    }

    [Test]
    public void Settings_are_checked_with_one_clear_sentence()
    {
        var bad = Assert.Throws<TargetConfigurationException>(() => CalDavSettings.From(new TargetSettings { Url = "http://h/", Profile = "exchange" }));
        Assert.That(bad!.Message, Does.Contain("profile 'exchange' is unknown"));
        Assert.Throws<TargetConfigurationException>(() => CalDavSettings.From(new TargetSettings { Url = "ftp://h/" }));
        Assert.Throws<TargetConfigurationException>(() => CalDavSettings.From(new TargetSettings
        {
            Url = "http://h/",
            Options = new Dictionary<string, string> { ["maxParallelWrites"] = "0" },
        }));
        var ok = CalDavSettings.From(new TargetSettings { Url = "http://h/", Options = new Dictionary<string, string> { ["MAXPARALLELWRITES"] = "7" } });
        Assert.That(ok.MaxParallelWrites, Is.EqualTo(7));
        Assert.That(ok.Profile, Is.EqualTo("auto"));
    }

    [Test]
    public async Task The_registrar_offers_caldav_and_carddav_with_the_configured_parallelism()
    {
        var services = new ServiceCollection();
        new CalDavPluginRegistrar().Register(services);
        using var provider = services.BuildServiceProvider();

        var calendars = provider.GetServices<ICalendarTargetFactory>().ToList();
        var contacts = provider.GetServices<IContactTargetFactory>().ToList();
        Assert.That(calendars.Select(f => f.PluginId), Is.EqualTo(new[] { "caldav" }));
        Assert.That(contacts.Select(f => f.PluginId), Is.EqualTo(new[] { "carddav" }));

        await using var target = await calendars[0].CreateAsync(new TargetSettings { Url = "http://127.0.0.1:1/" }, CancellationToken.None);
        Assert.That(target.Capabilities.MaxParallelWrites, Is.EqualTo(4), "default maxParallelWrites");
        await using var six = await calendars[0].CreateAsync(
            new TargetSettings { Url = "http://127.0.0.1:1/", Options = new Dictionary<string, string> { ["maxParallelWrites"] = "6" } }, CancellationToken.None);
        Assert.That(six.Capabilities.MaxParallelWrites, Is.EqualTo(6));
    }

    [Test]
    public void The_manifest_names_the_plugin_and_both_kinds()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "plugin.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;

        Assert.That(root.GetProperty("id").GetString(), Is.EqualTo("caldav"));
        Assert.That(root.GetProperty("contractVersion").GetString(), Is.EqualTo("1.2"), "1.1: items read as Windows-1252 carry a warning; 1.2: the address book's version");
        Assert.That(root.GetProperty("interface").GetString(), Is.EqualTo("caldav"));
        Assert.That(root.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()), Is.EqualTo(new[] { "calendarTarget", "contactTarget" }));
    }
}
