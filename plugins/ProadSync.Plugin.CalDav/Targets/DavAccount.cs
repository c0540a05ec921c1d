using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Discovery;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.Plugin.CalDav.Probe;
using ProadSync.Plugin.CalDav.Xml;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>
/// One account's connection, shared by the calendar and the contact target code: the DAV client, the persisted
/// discovery results and probe, and the connection-test steps.
/// </summary>
internal sealed class DavAccount : IDisposable
{
    /// <summary>State key: events calendar URL.</summary>
    public const string EventsKey = "caldav.eventsUrl";

    /// <summary>State key: tasks calendar URL.</summary>
    public const string TasksKey = "caldav.tasksUrl";

    /// <summary>State key: address book URL.</summary>
    public const string AddressBookKey = "carddav.addressBookUrl";

    /// <summary>State key: the cached probe.</summary>
    public const string ProbeKey = "caldav.probe";

    /// <summary>The state key of the authentication scheme learned by a target that does not probe (the address book).</summary>
    public const string SchemeKey = "dav.scheme";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServerCapabilities? _capabilities;

    /// <summary>Creates the account.</summary>
    /// <param name="settings">The parsed settings.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="http">An HTTP client to use (tests), or <see langword="null"/> for an own one.</param>
    public DavAccount(CalDavSettings settings, TimeProvider timeProvider, ILogger logger, HttpClient? http = null)
    {
        Settings = settings;
        TimeProvider = timeProvider;
        Logger = logger;
        var options = new DavClientOptions
        {
            UserName = settings.UserName,
            Password = settings.Password,
            Timeout = settings.Timeout,
            MaxResponseBytes = settings.MaxResponseBytes,
            MaxParallelWrites = settings.MaxParallelWrites,
        };
        Client = http is null ? new DavClient(options) : new DavClient(http, options, disposeHttp: false);
    }

    /// <summary>The settings.</summary>
    public CalDavSettings Settings { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The DAV client.</summary>
    public DavClient Client { get; }

    /// <summary>The capabilities, once probed or loaded.</summary>
    public ServerCapabilities? Capabilities => _capabilities;

    /// <summary>Finds the events and tasks calendars: options, then state, then discovery (stored in state).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The two collections.</returns>
    public async Task<(DavCollection Events, DavCollection Tasks)> GetCalendarsAsync(CancellationToken cancellationToken)
    {
        var state = Settings.State;
        var events = Settings.CalendarUrl ?? ParseUrl(await state.GetAsync(EventsKey, cancellationToken));
        var tasks = Settings.TaskUrl ?? ParseUrl(await state.GetAsync(TasksKey, cancellationToken));
        if (events is null || tasks is null)
        {
            var discovery = new DavDiscovery(Client);
            var start = events ?? tasks ?? Settings.BaseUrl;
            var found = await Guard(() => discovery.FindCalendarsAsync(start, cancellationToken));
            events ??= found.Events;
            tasks ??= found.Tasks;
            await state.SetAsync(EventsKey, events.ToString(), cancellationToken);
            await state.SetAsync(TasksKey, tasks.ToString(), cancellationToken);
            Log.Discovered(Logger, events, tasks);
        }

        return (new DavCollection(Client, events, DavCollectionKind.Calendar), new DavCollection(Client, tasks, DavCollectionKind.Calendar));
    }

    /// <summary>Finds the address book: options, then state, then discovery (stored in state).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The address book.</returns>
    public async Task<DavCollection> GetAddressBookAsync(CancellationToken cancellationToken)
    {
        if (Enum.TryParse<DavAuthScheme>(await Settings.State.GetAsync(SchemeKey, cancellationToken), out var known))
        {
            // The scheme an earlier run learned: sent at once, no 401 round trip (the contact target does not probe).
            Client.AssumeScheme(known);
        }

        var url = Settings.AddressBookUrl ?? ParseUrl(await Settings.State.GetAsync(AddressBookKey, cancellationToken));
        if (url is null)
        {
            url = await Guard(() => new DavDiscovery(Client).FindAddressBookAsync(Settings.BaseUrl, cancellationToken));
            await Settings.State.SetAsync(AddressBookKey, url.ToString(), cancellationToken);
        }

        return new DavCollection(Client, url, DavCollectionKind.AddressBook);
    }

    /// <summary>Keeps the authentication scheme the client learned (Basic or none) for the next run's first request.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task RememberSchemeAsync(CancellationToken cancellationToken)
    {
        var scheme = Client.Scheme;
        if (scheme is DavAuthScheme.Basic or DavAuthScheme.None
            && !string.Equals(await Settings.State.GetAsync(SchemeKey, cancellationToken), scheme.ToString(), StringComparison.Ordinal))
        {
            await Settings.State.SetAsync(SchemeKey, scheme.ToString(), cancellationToken);
        }
    }

    /// <summary>The capabilities: cached in memory, else from state, else probed (and stored).</summary>
    /// <param name="events">The events collection.</param>
    /// <param name="tasks">The tasks collection.</param>
    /// <param name="force">Probe even when a cached result exists (the connection test).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The capabilities.</returns>
    public async Task<ServerCapabilities> GetCapabilitiesAsync(DavCollection events, DavCollection tasks, bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_capabilities is not null && !force)
            {
                return _capabilities;
            }

            var cached = force ? null : CapabilityProbe.Deserialize(await Settings.State.GetAsync(ProbeKey, cancellationToken));
            if (cached is not null && (Settings.Profile == ServerProfiles.Auto || cached.Profile == Settings.Profile))
            {
                Client.AssumeScheme(cached.AuthScheme);
                _capabilities = cached;
                return cached;
            }

            var probed = await Guard(() => CapabilityProbe.RunAsync(Client, events, tasks, Settings.Profile, TimeProvider.GetUtcNow(), cancellationToken));
            await Settings.State.SetAsync(ProbeKey, CapabilityProbe.Serialize(probed), cancellationToken);
            Log.Probed(Logger, probed.Profile, probed.DetectedProfile, probed.SyncCollection, probed.InvalidTokenReported, probed.Multiget);
            _capabilities = probed;
            return probed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs the first steps of a connection test: reachable, TLS, authenticated.</summary>
    /// <param name="steps">The list the steps are added to.</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    /// <returns>Whether the later steps can run, and whether the credentials were refused.</returns>
    public async Task<(bool Continue, bool AuthFailed)> TestBasicsAsync(List<ConnectionTestStep> steps, CancellationToken cancellationToken)
    {
        var url = Settings.BaseUrl;
        DavResponse first;
        try
        {
            first = await Client.SendAsync("OPTIONS", url, null, null, null, cancellationToken);
        }
        catch (TransientTargetException ex)
        {
            steps.Add(new ConnectionTestStep("reachable", TestOutcome.Failed, ex.Message + " Check the URL and that the server runs."));
            Skip(steps, "TLS", "authenticated", "collections found", "profile chosen");
            return (false, false);
        }

        var server = first.Header("Server") is { } s ? $" ({s})" : string.Empty;
        steps.Add(new ConnectionTestStep("reachable", TestOutcome.Passed, $"The server at {url.GetLeftPart(UriPartial.Authority)} answered HTTP {first.StatusCode}{server}."));
        if (url.Scheme == Uri.UriSchemeHttps)
        {
            steps.Add(new ConnectionTestStep("TLS", TestOutcome.Passed, "The connection is encrypted (HTTPS) and the certificate was accepted."));
        }
        else if (url.IsLoopback || (IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip)))
        {
            steps.Add(new ConnectionTestStep("TLS", TestOutcome.Passed, "Plain HTTP on loopback: nothing leaves this machine."));
        }
        else
        {
            steps.Add(new ConnectionTestStep("TLS", TestOutcome.Warning, "Plain HTTP: the password and the calendar travel unencrypted; use an https URL."));
        }

        var body = DavXml.Serialize(new XElement(DavNames.D + "propfind", new XElement(DavNames.D + "prop", new XElement(DavNames.CurrentUserPrincipal))));
        var auth = await Client.SendAsync("PROPFIND", url, body, null, new Dictionary<string, string> { ["Depth"] = "0" }, cancellationToken);
        if (auth.StatusCode == 401)
        {
            steps.Add(new ConnectionTestStep("authenticated", TestOutcome.Failed,
                $"The server refused the user name '{Settings.UserName}' or its password (HTTP 401); enter them again."));
            Skip(steps, "collections found", "profile chosen");
            return (false, true);
        }

        if (auth.StatusCode is >= 500)
        {
            steps.Add(new ConnectionTestStep("authenticated", TestOutcome.Failed, $"The server failed the login request (HTTP {auth.StatusCode}); try again later."));
            Skip(steps, "collections found", "profile chosen");
            return (false, false);
        }

        steps.Add(Client.Scheme == DavAuthScheme.None
            ? new ConnectionTestStep("authenticated", TestOutcome.Warning, "The server did not ask for a password (no authentication); anyone who reaches it can change the calendar.")
            : new ConnectionTestStep("authenticated", TestOutcome.Passed, $"Logged in as '{Settings.UserName}' with {Client.Scheme} authentication."));
        return (true, false);
    }

    /// <summary>Adds skipped steps.</summary>
    /// <param name="steps">The list.</param>
    /// <param name="names">The step names.</param>
    public static void Skip(List<ConnectionTestStep> steps, params string[] names)
    {
        foreach (var name in names)
        {
            steps.Add(new ConnectionTestStep(name, TestOutcome.Skipped, "Not run because an earlier step failed."));
        }
    }

    /// <summary>Runs a call, turning protocol problems into transient failures.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>The result.</returns>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DavProtocolException ex)
        {
            throw DavErrors.Protocol(ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gate.Dispose();
        Client.Dispose();
    }

    private static Uri? ParseUrl(string? text) =>
        text is not null && Uri.TryCreate(text, UriKind.Absolute, out var u) ? u : null;
}
