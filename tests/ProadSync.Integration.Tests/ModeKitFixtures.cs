using System.Collections.Concurrent;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.Plugin.CalDav;

namespace ProadSync.Integration.Tests;

/// <summary>
/// The four modes and contacts export through the real engine and store against one real server: each test gets a
/// fresh calendar and a fresh address book; "the other client" is a second target on the same collections.
/// </summary>
public abstract class DavModeTests : ModeAndContactContractTests
{
    private static readonly ConcurrentDictionary<string, MemoryStateStore> Probes = new(StringComparer.Ordinal);
    private Uri? _calendar;
    private Uri? _addressBook;

    /// <summary>The server's name.</summary>
    protected abstract string ServerName { get; }

    [SetUp]
    public void FreshCollections()
    {
        _calendar = null;
        _addressBook = null;
    }

    private async Task<TargetSettings> SettingsAsync()
    {
        var server = ServerInfo.Get(ServerName);
        using (var raw = new RawDav())
        {
            _calendar ??= await raw.MakeCalendarAsync(server.CalendarHome);
            _addressBook ??= await raw.MakeAddressBookAsync(server.AddressBookHome);
        }

        var options = new Dictionary<string, string>
        {
            [CalDavOptionNames.CalendarUrl] = _calendar.ToString(),
            [CalDavOptionNames.TaskUrl] = _calendar.ToString(),
            [CalDavOptionNames.AddressBookUrl] = _addressBook.ToString(),
        };
        return Targets.Settings(server, Probes.GetOrAdd(ServerName, _ => new MemoryStateStore()), options);
    }

    /// <inheritdoc />
    protected override async Task<ICalendarTarget> CreateTargetAsync() => await Targets.CalendarAsync(await SettingsAsync());

    /// <inheritdoc />
    protected override async Task<IContactTarget?> CreateContactTargetAsync() => await Targets.ContactsAsync(await SettingsAsync());

    /// <inheritdoc />
    protected override bool TellsAddressBookVersion => true;

    /// <inheritdoc />
    protected override async Task DeleteContactExternallyAsync(IContactTarget contacts, ExternalItemRef item)
    {
        using var raw = new RawDav();
        var status = await raw.DeleteAsync(new Uri(_addressBook!, item.Id));
        Assert.That(status, Is.InRange(200, 299), $"the other client could not delete {item.Id}");
    }
}

/// <summary>The modes on Radicale 3.1.</summary>
[TestFixture]
[Category("Radicale")]
public sealed class RadicaleModeTests : DavModeTests
{
    /// <inheritdoc />
    protected override string ServerName => "radicale";
}

/// <summary>The modes on Xandikos 0.2.</summary>
[TestFixture]
[Category("Xandikos")]
public sealed class XandikosModeTests : DavModeTests
{
    /// <inheritdoc />
    protected override string ServerName => "xandikos";
}

/// <summary>The modes on DAViCal 1.1.</summary>
[TestFixture]
[Category("DAViCal")]
public sealed class DavicalModeTests : DavModeTests
{
    /// <inheritdoc />
    protected override string ServerName => "davical";
}

/// <summary>The modes on the Baïkal-like SabreDAV 1.8.</summary>
[TestFixture]
[Category("SabreDAV")]
public sealed class SabreDavModeTests : DavModeTests
{
    /// <inheritdoc />
    protected override string ServerName => "sabredav";
}
