using System.Collections.Concurrent;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.Plugin.CalDav;

namespace ProadSync.Integration.Tests;

/// <summary>
/// The shared connector contract against one real server: each test gets a fresh calendar (VEVENT and VTODO in one
/// collection, as the servers' default calendars are) so listings count only the test's items.
/// </summary>
public abstract class DavContractTests : CalendarTargetContractTests
{
    // One probe per server and test run: the state store keeps it like the host would between runs.
    private static readonly ConcurrentDictionary<string, MemoryStateStore> Probes = new(StringComparer.Ordinal);
    private Uri? _calendar;

    /// <summary>The server's name.</summary>
    protected abstract string ServerName { get; }

    /// <inheritdoc />
    protected override async Task<ICalendarTarget> CreateTargetAsync()
    {
        var server = ServerInfo.Get(ServerName);
        if (_calendar is null)
        {
            using var raw = new RawDav();
            _calendar = await raw.MakeCalendarAsync(server.CalendarHome);
        }

        var state = Probes.GetOrAdd(ServerName, _ => new MemoryStateStore());
        var options = new Dictionary<string, string>
        {
            [CalDavOptionNames.CalendarUrl] = _calendar.ToString(),
            [CalDavOptionNames.TaskUrl] = _calendar.ToString(),
        };
        return await Targets.CalendarAsync(Targets.Settings(server, state, options));
    }

    /// <inheritdoc />
    protected override async Task<bool> TryPlantMalformedAsync(TodoKind kind)
    {
        // Only Xandikos stores invalid iCalendar (servers.md: Radicale 400, DAViCal 412, SabreDAV 415).
        using var raw = new RawDav();
        var component = kind == TodoKind.Task ? "VTODO" : "VEVENT";
        var status = await raw.PutAsync(new Uri(_calendar!, "broken.ics"),
            $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//it//EN\r\nBEGIN:{component}\r\nUID:broken-{Guid.NewGuid():N}\r\nDTSTART:garbage\r\nSUMMARY:broken\r\nEND:{component}\r\nEND:VCALENDAR\r\n");
        return status is >= 200 and < 300;
    }

    [SetUp]
    public void FreshCalendar() => _calendar = null;
}

/// <summary>The contract on Radicale 3.1.</summary>
[TestFixture]
[Category("Radicale")]
public sealed class RadicaleContractTests : DavContractTests
{
    /// <inheritdoc />
    protected override string ServerName => "radicale";
}

/// <summary>The contract on Xandikos 0.2.</summary>
[TestFixture]
[Category("Xandikos")]
public sealed class XandikosContractTests : DavContractTests
{
    /// <inheritdoc />
    protected override string ServerName => "xandikos";
}

/// <summary>The contract on DAViCal 1.1.</summary>
[TestFixture]
[Category("DAViCal")]
public sealed class DavicalContractTests : DavContractTests
{
    /// <inheritdoc />
    protected override string ServerName => "davical";
}

/// <summary>The contract on SabreDAV 1.8 (Baikal 0.2).</summary>
[TestFixture]
[Category("SabreDAV")]
public sealed class SabreDavContractTests : DavContractTests
{
    /// <inheritdoc />
    protected override string ServerName => "sabredav";
}
