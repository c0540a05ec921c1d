using System.Xml.Linq;
using ProadSync.Abstractions.Errors;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.Plugin.CalDav.Xml;
using static ProadSync.Plugin.CalDav.Xml.DavNames;

namespace ProadSync.Plugin.CalDav.Discovery;

/// <summary>
/// Finds the user's collections from a base URL: the URL itself when it is a collection, else
/// <c>current-user-principal</c> (directly or after <c>/.well-known/caldav|carddav</c>), the home sets and their
/// collections; creates a calendar (MKCALENDAR), a separate task calendar (when the chosen one refuses VTODO) or an
/// address book (extended MKCOL) when none is usable. DAViCal's <c>.in</c>/<c>.out</c> and proxy collections and
/// scheduling in/outboxes are skipped.
/// </summary>
internal sealed class DavDiscovery
{
    /// <summary>The calendar this plugin creates when the user has none.</summary>
    public const string CreatedCalendarName = "proadsync-calendar";

    /// <summary>The task calendar this plugin creates when the chosen calendar refuses VTODO.</summary>
    public const string CreatedTaskCalendarName = "proadsync-tasks";

    /// <summary>The address book this plugin creates when the user has none.</summary>
    public const string CreatedAddressBookName = "proadsync-contacts";

    private static readonly string[] PreferredNames = ["default", "calendar", "home", "personal", "addresses", "addressbook", "contacts"];

    private readonly DavClient _client;

    /// <summary>Creates the discovery.</summary>
    /// <param name="client">The DAV client.</param>
    public DavDiscovery(DavClient client) => _client = client;

    /// <summary>Finds (or creates) the events and tasks calendars.</summary>
    /// <param name="start">The base URL or a calendar URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events and tasks collection URLs (the same when one calendar holds both).</returns>
    /// <exception cref="TargetConfigurationException">No calendar home could be found and none could be created.</exception>
    public async Task<(Uri Events, Uri Tasks)> FindCalendarsAsync(Uri start, CancellationToken cancellationToken)
    {
        var self = await PropfindAsync(start, "0", cancellationToken);
        var selfEntry = self?.First;
        List<DavCollectionInfo> candidates;
        Uri? home = null;
        if (selfEntry is not null && selfEntry.HasResourceType(Calendar))
        {
            var info = Info(start, selfEntry);
            if (info.SupportsTodo)
            {
                return (info.Url, info.Url);
            }

            // A calendar given directly that refuses VTODO: look for (or make) the task calendar beside it.
            home = Parent(info.Url);
            candidates = await ListHomeAsync(home, Calendar, cancellationToken);
            var taskCalendar = Choose(candidates.Where(c => c.SupportsTodo));
            return (info.Url, taskCalendar?.Url ?? await CreateCalendarAsync(home, CreatedTaskCalendarName, ["VTODO"], cancellationToken));
        }

        home = await FindHomeAsync(start, selfEntry, CalendarHomeSet, "caldav", cancellationToken);
        candidates = await ListHomeAsync(home, Calendar, cancellationToken);
        var events = Choose(candidates.Where(c => c.SupportsEvent));
        if (events is null)
        {
            var created = await CreateCalendarAsync(home, CreatedCalendarName, ["VEVENT", "VTODO"], cancellationToken);
            return (created, created);
        }

        if (events.SupportsTodo)
        {
            return (events.Url, events.Url);
        }

        var tasks = Choose(candidates.Where(c => c.SupportsTodo));
        return (events.Url, tasks?.Url ?? await CreateCalendarAsync(home, CreatedTaskCalendarName, ["VTODO"], cancellationToken));
    }

    /// <summary>Finds (or creates) the address book.</summary>
    /// <param name="start">The base URL or an address book URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The address book URL.</returns>
    /// <exception cref="TargetConfigurationException">No address book home could be found and none could be created.</exception>
    public async Task<Uri> FindAddressBookAsync(Uri start, CancellationToken cancellationToken)
    {
        var self = await PropfindAsync(start, "0", cancellationToken);
        var selfEntry = self?.First;
        if (selfEntry is not null && selfEntry.HasResourceType(AddressBook))
        {
            return DavHref.AsCollection(start);
        }

        var home = await FindHomeAsync(start, selfEntry, AddressBookHomeSet, "carddav", cancellationToken);
        var candidates = await ListHomeAsync(home, AddressBook, cancellationToken);
        return Choose(candidates)?.Url ?? await CreateAddressBookAsync(home, cancellationToken);
    }

    /// <summary>Whether a collection name or href is one to skip (scheduling inbox/outbox, DAViCal proxies).</summary>
    /// <param name="url">The collection URL.</param>
    /// <returns>Whether to skip it.</returns>
    internal static bool IsSkipped(Uri url)
    {
        var name = DavHref.LastSegment(url);
        return name is ".in" or ".out" or "inbox" or "outbox" || name.StartsWith("calendar-proxy", StringComparison.OrdinalIgnoreCase);
    }

    private static DavCollectionInfo? Choose(IEnumerable<DavCollectionInfo> candidates)
    {
        var list = candidates.ToList();
        foreach (var name in PreferredNames.Concat([CreatedCalendarName, CreatedTaskCalendarName, CreatedAddressBookName]))
        {
            if (list.FirstOrDefault(c => DavHref.LastSegment(c.Url).Equals(name, StringComparison.OrdinalIgnoreCase)) is { } hit)
            {
                return hit;
            }
        }

        return list.FirstOrDefault();
    }

    private static Uri Parent(Uri collection)
    {
        var c = DavHref.AsCollection(collection);
        return new Uri(c, "..");
    }

    private static DavCollectionInfo Info(Uri baseUri, DavEntry entry)
    {
        var url = DavHref.AsCollection(DavHref.Resolve(baseUri, entry.Href));
        var comps = entry.Prop(SupportedComponents)?.Elements(C + "comp")
            .Select(e => (string?)e.Attribute("name"))
            .Where(n => n is not null)
            .Select(n => n!.ToUpperInvariant())
            .ToHashSet();

        // No supported-calendar-component-set means "any component" (RFC 4791 5.2.3).
        var any = comps is null || comps.Count == 0;
        return new DavCollectionInfo(url, any || comps!.Contains("VEVENT"), any || comps!.Contains("VTODO"));
    }

    private async Task<Uri> FindHomeAsync(Uri start, DavEntry? selfEntry, XName homeSet, string wellKnown, CancellationToken cancellationToken)
    {
        // The home set on the URL itself (DAViCal, Radicale answer it on the principal).
        if (selfEntry?.Prop(homeSet)?.Element(Href) is { } directHome)
        {
            return DavHref.AsCollection(DavHref.Resolve(start, directHome.Value));
        }

        var principal = selfEntry?.Prop(CurrentUserPrincipal)?.Element(Href)?.Value;
        var principalBase = start;
        if (principal is null)
        {
            var wk = await FollowWellKnownAsync(start, wellKnown, cancellationToken);
            if (wk is not null)
            {
                var ms = await PropfindAsync(wk, "0", cancellationToken);
                var entry = ms?.First;
                if (entry?.Prop(homeSet)?.Element(Href) is { } wkHome)
                {
                    return DavHref.AsCollection(DavHref.Resolve(wk, wkHome.Value));
                }

                principal = entry?.Prop(CurrentUserPrincipal)?.Element(Href)?.Value;
                principalBase = wk;
            }
        }

        if (principal is null)
        {
            throw new TargetConfigurationException(
                $"The server at {start} names no current-user-principal (also not under /.well-known/{wellKnown}); give the calendar or address book URL directly.");
        }

        var principalUrl = DavHref.Resolve(principalBase, principal);
        var p = await PropfindAsync(principalUrl, "0", cancellationToken);
        if (p?.First?.Prop(homeSet)?.Element(Href) is { } home)
        {
            return DavHref.AsCollection(DavHref.Resolve(principalUrl, home.Value));
        }

        throw new TargetConfigurationException(
            $"The principal {principalUrl} names no {homeSet.LocalName}; give the calendar or address book URL directly.");
    }

    private async Task<Uri?> FollowWellKnownAsync(Uri start, string service, CancellationToken cancellationToken)
    {
        var url = new Uri(start, $"/.well-known/{service}");
        for (var hop = 0; hop < 5; hop++)
        {
            var response = await _client.SendAsync("PROPFIND", url, PropfindBody(), null, new Dictionary<string, string> { ["Depth"] = "0" }, cancellationToken);
            if (response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Location is { } location)
            {
                url = new Uri(url, location);
                continue;
            }

            if (response.StatusCode == 401)
            {
                throw DavErrors.Authentication(response);
            }

            return response.StatusCode == 207 ? url : null;
        }

        return null;
    }

    private async Task<List<DavCollectionInfo>> ListHomeAsync(Uri home, XName type, CancellationToken cancellationToken)
    {
        var ms = await PropfindAsync(home, "1", cancellationToken)
            ?? throw new TargetConfigurationException($"The collection home {home} cannot be listed.");
        return ms.Responses
            .Where(e => e.EffectiveStatus is >= 200 and < 300 && e.HasResourceType(type) && !DavHref.Same(home, e.Href, home.AbsolutePath))
            .Where(e => e.Prop(ResourceType)!.Elements().All(t => t.Name.LocalName is not ("schedule-inbox" or "schedule-outbox")))
            .Select(e => Info(home, e))
            .Where(c => !IsSkipped(c.Url))
            .ToList();
    }

    private async Task<MultiStatus?> PropfindAsync(Uri url, string depth, CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync("PROPFIND", url, PropfindBody(), null, new Dictionary<string, string> { ["Depth"] = depth }, cancellationToken);
        if (response.StatusCode == 401)
        {
            throw DavErrors.Authentication(response);
        }

        if (response.StatusCode != 207)
        {
            if (response.StatusCode is 408 or 429 or >= 500)
            {
                throw DavErrors.ForCollection(response.StatusCode, $"PROPFIND on {url}", response);
            }

            return null;
        }

        try
        {
            return MultiStatus.From(DavXml.Parse(response.Body, _client.Options.MaxResponseBytes, $"The PROPFIND answer of {url}"));
        }
        catch (DavProtocolException ex)
        {
            throw DavErrors.Protocol(ex);
        }
    }

    private static string PropfindBody() => DavXml.Serialize(new XElement(D + "propfind",
        new XAttribute(XNamespace.Xmlns + "D", D.NamespaceName),
        new XAttribute(XNamespace.Xmlns + "C", C.NamespaceName),
        new XAttribute(XNamespace.Xmlns + "CR", Card.NamespaceName),
        new XElement(D + "prop",
            new XElement(ResourceType),
            new XElement(DisplayName),
            new XElement(CurrentUserPrincipal),
            new XElement(CalendarHomeSet),
            new XElement(AddressBookHomeSet),
            new XElement(SupportedComponents))));

    private async Task<Uri> CreateCalendarAsync(Uri home, string name, string[] components, CancellationToken cancellationToken)
    {
        var url = DavHref.AsCollection(DavHref.Child(home, name));
        var body = DavXml.Serialize(new XElement(C + "mkcalendar",
            new XAttribute(XNamespace.Xmlns + "D", D.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "C", C.NamespaceName),
            new XElement(D + "set", new XElement(D + "prop",
                new XElement(DisplayName, name == CreatedTaskCalendarName ? "ProadSync tasks" : "ProadSync"),
                new XElement(SupportedComponents, components.Select(c => new XElement(C + "comp", new XAttribute("name", c))))))));
        var response = await _client.SendAsync("MKCALENDAR", url, body, null, null, cancellationToken);
        return await CheckCreatedAsync(url, response, "calendar", cancellationToken);
    }

    private async Task<Uri> CreateAddressBookAsync(Uri home, CancellationToken cancellationToken)
    {
        var url = DavHref.AsCollection(DavHref.Child(home, CreatedAddressBookName));
        var body = DavXml.Serialize(new XElement(D + "mkcol",
            new XAttribute(XNamespace.Xmlns + "D", D.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "CR", Card.NamespaceName),
            new XElement(D + "set", new XElement(D + "prop",
                new XElement(ResourceType, new XElement(D + "collection"), new XElement(AddressBook)),
                new XElement(DisplayName, "ProadSync contacts")))));
        var response = await _client.SendAsync("MKCOL", url, body, null, null, cancellationToken);
        return await CheckCreatedAsync(url, response, "address book", cancellationToken);
    }

    private async Task<Uri> CheckCreatedAsync(Uri url, DavResponse response, string what, CancellationToken cancellationToken)
    {
        var status = Dav.DavCollection.EffectiveStatus(response);
        if (status is >= 200 and < 300)
        {
            return url;
        }

        // Exists already (405 DAViCal/SabreDAV, 409 Radicale, 207+403 Xandikos): use it when it is one.
        var existing = await PropfindAsync(url, "0", cancellationToken);
        if (existing?.First is { } e && (e.HasResourceType(Calendar) || e.HasResourceType(AddressBook)))
        {
            return url;
        }

        throw DavErrors.ForCollection(status, $"creating the {what} {url}", response);
    }
}
