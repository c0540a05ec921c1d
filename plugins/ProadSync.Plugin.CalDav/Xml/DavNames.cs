using System.Xml.Linq;

namespace ProadSync.Plugin.CalDav.Xml;

/// <summary>The XML names of WebDAV, CalDAV, CardDAV and CalendarServer used here.</summary>
internal static class DavNames
{
    /// <summary>DAV:.</summary>
    public static readonly XNamespace D = "DAV:";

    /// <summary>CalDAV.</summary>
    public static readonly XNamespace C = "urn:ietf:params:xml:ns:caldav";

    /// <summary>CardDAV.</summary>
    public static readonly XNamespace Card = "urn:ietf:params:xml:ns:carddav";

    /// <summary>CalendarServer extensions (getctag).</summary>
    public static readonly XNamespace CS = "http://calendarserver.org/ns/";

    /// <summary>DAV:multistatus (the element).</summary>
    public static readonly XName MultiStatusName = D + "multistatus";

    /// <summary>DAV:response.</summary>
    public static readonly XName Response = D + "response";

    /// <summary>DAV:href.</summary>
    public static readonly XName Href = D + "href";

    /// <summary>DAV:status.</summary>
    public static readonly XName Status = D + "status";

    /// <summary>DAV:propstat.</summary>
    public static readonly XName PropStat = D + "propstat";

    /// <summary>DAV:prop.</summary>
    public static readonly XName Prop = D + "prop";

    /// <summary>DAV:getetag.</summary>
    public static readonly XName GetETag = D + "getetag";

    /// <summary>DAV:resourcetype.</summary>
    public static readonly XName ResourceType = D + "resourcetype";

    /// <summary>DAV:displayname.</summary>
    public static readonly XName DisplayName = D + "displayname";

    /// <summary>DAV:current-user-principal.</summary>
    public static readonly XName CurrentUserPrincipal = D + "current-user-principal";

    /// <summary>DAV:sync-token.</summary>
    public static readonly XName SyncToken = D + "sync-token";

    /// <summary>DAV:supported-report-set.</summary>
    public static readonly XName SupportedReportSet = D + "supported-report-set";

    /// <summary>DAV:error.</summary>
    public static readonly XName Error = D + "error";

    /// <summary>CalDAV calendar-home-set.</summary>
    public static readonly XName CalendarHomeSet = C + "calendar-home-set";

    /// <summary>CalDAV calendar resource type.</summary>
    public static readonly XName Calendar = C + "calendar";

    /// <summary>CalDAV supported-calendar-component-set.</summary>
    public static readonly XName SupportedComponents = C + "supported-calendar-component-set";

    /// <summary>CalDAV calendar-data.</summary>
    public static readonly XName CalendarData = C + "calendar-data";

    /// <summary>CardDAV addressbook-home-set.</summary>
    public static readonly XName AddressBookHomeSet = Card + "addressbook-home-set";

    /// <summary>CardDAV addressbook resource type.</summary>
    public static readonly XName AddressBook = Card + "addressbook";

    /// <summary>CardDAV address-data.</summary>
    public static readonly XName AddressData = Card + "address-data";

    /// <summary>CalendarServer getctag.</summary>
    public static readonly XName GetCTag = CS + "getctag";
}
