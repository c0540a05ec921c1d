namespace ProadSync.Integration.Tests;

/// <summary>Where one test server keeps things and what the plugin should find out about it.</summary>
/// <param name="Name">radicale, xandikos, davical or sabredav.</param>
/// <param name="BaseUrl">The URL an admin would enter (discovery starts there).</param>
/// <param name="CalendarHome">The user's calendar home (fresh calendars are made there).</param>
/// <param name="AddressBookHome">The user's address book home.</param>
/// <param name="DefaultCalendar">The calendar the server makes for the user, or <see langword="null"/> (Radicale).</param>
/// <param name="ExpectedProfile">The profile the probe should pick.</param>
/// <param name="HasAuth">Whether the server checks passwords (Xandikos does not).</param>
public sealed record ServerInfo(
    string Name,
    Uri BaseUrl,
    Uri CalendarHome,
    Uri AddressBookHome,
    Uri? DefaultCalendar,
    string ExpectedProfile,
    bool HasAuth)
{
    /// <summary>The address book the server makes for the user, or <see langword="null"/> (Radicale).</summary>
    public Uri? DefaultAddressBook => Name switch
    {
        "xandikos" => new Uri(DavServers.Env["XANDIKOS_ADDRESSBOOK_URL"]),
        "davical" => new Uri(DavServers.Env["DAVICAL_ADDRESSBOOK_URL"]),
        "sabredav" => new Uri(DavServers.Env["SABREDAV_ADDRESSBOOK_URL"]),
        _ => null,
    };

    /// <summary>The servers by name, from the env file.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The server.</returns>
    public static ServerInfo Get(string name)
    {
        var env = DavServers.Env;
        Uri U(string key) => new(env[key]);
        return name switch
        {
            "radicale" => new ServerInfo(name, U("RADICALE_URL"), U("RADICALE_HOME"), U("RADICALE_HOME"), null, "radicale", true),
            "xandikos" => new ServerInfo(name, U("XANDIKOS_URL"), U("XANDIKOS_HOME"), new Uri(U("XANDIKOS_URL"), "/user/contacts/"),
                U("XANDIKOS_CALENDAR_URL"), "xandikos", false),
            "davical" => new ServerInfo(name, U("DAVICAL_URL"), U("DAVICAL_HOME"), U("DAVICAL_HOME"), U("DAVICAL_CALENDAR_URL"), "davical", true),
            "sabredav" => new ServerInfo(name, U("SABREDAV_URL"), U("SABREDAV_HOME"), new Uri(U("SABREDAV_URL"), "/dav.php/addressbooks/" + DavServers.User + "/"),
                U("SABREDAV_CALENDAR_URL"), "baikal", true),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown server"),
        };
    }
}
