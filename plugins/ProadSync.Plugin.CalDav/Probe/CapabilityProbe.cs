using System.Globalization;
using ProadSync.Abstractions.Errors;
using System.Text.Json;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Http;

namespace ProadSync.Plugin.CalDav.Probe;

/// <summary>
/// Measures what a server does (auth scheme, ETag on PUT, sync-collection, whether an invalid token is reported,
/// multiget with a missing href, VTODO acceptance) with a handful of requests and one probe task that is deleted
/// again, and picks the profile.
/// </summary>
internal static class CapabilityProbe
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Probes the server behind <paramref name="tasks"/>.</summary>
    /// <param name="client">The DAV client.</param>
    /// <param name="events">The events collection.</param>
    /// <param name="tasks">The tasks collection (the probe task is written there).</param>
    /// <param name="configuredProfile">The profile the account names, or <c>auto</c>/<see langword="null"/>.</param>
    /// <param name="now">The current time (for the probe's DTSTAMP).</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The measured capabilities.</returns>
    public static async Task<ServerCapabilities> RunAsync(
        DavClient client,
        DavCollection events,
        DavCollection tasks,
        string? configuredProfile,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var options = await client.SendAsync("OPTIONS", events.Url, null, null, null, cancellationToken);
        var detected = ServerProfiles.Detect(options.Headers);
        var software = options.Header("X-DAViCal-Version") ?? (options.Header("X-Sabre-Version") is { } sv ? "SabreDAV/" + sv : options.Header("Server"));

        // sync-collection: supported when an initial (empty-token) report answers 207.
        var sync = false;
        var invalidReported = true;
        int? invalidStatus = null;
        try
        {
            await events.SyncAsync(string.Empty, new HashSet<int>(), cancellationToken);
            sync = true;
        }
        catch (Abstractions.Errors.TargetException ex) when (ex is not Abstractions.Errors.TargetAuthenticationException)
        {
            sync = false;
        }

        if (sync)
        {
            var bogus = "http://proadsync.invalid/sync/" + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>" + bogus +
                       "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
            var r = await client.SendAsync("REPORT", events.Url, body, null, new Dictionary<string, string> { ["Depth"] = "0" }, cancellationToken);
            invalidStatus = r.StatusCode;
            invalidReported = r.StatusCode != 207;
        }

        // One probe task: VTODO acceptance, ETag on PUT, multiget with a missing href; deleted afterwards. Its name is
        // fixed, so a probe interrupted before its delete (a lost answer, a reset) leaves no litter: the next probe
        // overwrites the same object and deletes it.
        const string uid = "proadsync-capability-probe";
        var href = DavHref.Child(tasks.Url, uid + ".ics");
        if (await tasks.GetETagAsync(href, cancellationToken) is { } leftover
            && await DeleteProbeAsync(tasks, href, leftover, cancellationToken) is { } leftoverError)
        {
            throw leftoverError;
        }

        var put = await tasks.PutAsync(href, ProbeTodo(uid, now), null, cancellationToken);
        if (!put.Succeeded && put.Status is 408 or 412 or 429 or >= 500)
        {
            // A busy or failing server (or a probe object that reappeared) says nothing about VTODO support: never
            // cache that as "refused"; the next attempt probes again.
            throw new TransientTargetException($"The capability probe could not be written (HTTP {put.Status}); it is tried again.");
        }

        var todoAccepted = put.Succeeded;
        var etagOnPut = put.ETag is not null;
        var multiget = MultigetMissing.Unknown;
        Exception? cleanupError = null;
        if (todoAccepted)
        {
            try
            {
                var missing = DavHref.Child(tasks.Url, uid + "-missing.ics");
                var (found, failed) = await tasks.MultiGetAsync([href, missing], cancellationToken);
                multiget = failed is not null ? MultigetMissing.WholeReportFails
                    : found.Count == 1 && await MissingReportedAsync(client, tasks, href, missing, cancellationToken) ? MultigetMissing.NotFoundEntry
                    : MultigetMissing.Omitted;
            }
            finally
            {
                cleanupError = await DeleteProbeAsync(tasks, href, put.ETag, cancellationToken);
            }
        }

        if (cleanupError is not null)
        {
            // Not cached as probed: the next attempt overwrites the same object and deletes it again.
            throw cleanupError;
        }

        var profile = string.IsNullOrEmpty(configuredProfile) || configuredProfile == ServerProfiles.Auto ? detected : configuredProfile;
        return new ServerCapabilities
        {
            Profile = profile,
            DetectedProfile = detected,
            AuthScheme = client.Scheme,
            ETagOnPut = etagOnPut,
            SyncCollection = sync && profile != ServerProfiles.Baikal,
            InvalidTokenReported = invalidReported && profile != ServerProfiles.DaviCal,
            InvalidTokenStatus = invalidStatus,
            Multiget = profile == ServerProfiles.Baikal && multiget == MultigetMissing.Unknown ? MultigetMissing.WholeReportFails : multiget,
            TodoAccepted = todoAccepted,
            ServerSoftware = software,
        };
    }

    /// <summary>Serializes capabilities for the state store.</summary>
    /// <param name="capabilities">The capabilities.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(ServerCapabilities capabilities) => JsonSerializer.Serialize(capabilities, Json);

    /// <summary>Reads cached capabilities, or <see langword="null"/> when absent, unreadable or of another version.</summary>
    /// <param name="text">The JSON text.</param>
    /// <returns>The capabilities.</returns>
    public static ServerCapabilities? Deserialize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var c = JsonSerializer.Deserialize<ServerCapabilities>(text, Json);
            return c is { Version: 1 } ? c : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<bool> MissingReportedAsync(DavClient client, DavCollection tasks, Uri present, Uri missing, CancellationToken cancellationToken)
    {
        // Look at the raw report once more: does it carry a 404 entry for the missing href?
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">" +
                   "<D:prop><D:getetag/></D:prop><D:href>" + present.AbsolutePath + "</D:href><D:href>" + missing.AbsolutePath +
                   "</D:href></C:calendar-multiget>";
        var r = await client.SendAsync("REPORT", tasks.Url, body, null, new Dictionary<string, string> { ["Depth"] = "1" }, cancellationToken);
        return r.StatusCode == 207 && r.Body.Contains("404", StringComparison.Ordinal);
    }

    /// <summary>Deletes the probe task; a 412 (changed since the PUT, e.g. a lost answer and a retry) reads the ETag again.</summary>
    /// <returns>The error to raise when the task could not be deleted, or <see langword="null"/>.</returns>
    private static async Task<Exception?> DeleteProbeAsync(DavCollection tasks, Uri href, string? etagOnPut, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var etag = attempt == 0 && etagOnPut is not null ? etagOnPut : await tasks.GetETagAsync(href, cancellationToken);
            if (etag is null)
            {
                return null;
            }

            var (status, response) = await tasks.DeleteAsync(href, etag, cancellationToken);
            if (status is (>= 200 and < 300) or 404 or 410)
            {
                return null;
            }

            if (status != 412 || attempt == 1)
            {
                return DavErrors.ForItem(status, href.ToString(), "delete the capability probe", response);
            }
        }

        return null;
    }

    private static string ProbeTodo(string uid, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var due = now.UtcDateTime.AddYears(5).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ProadSync//CalDAV probe//EN\r\nBEGIN:VTODO\r\n" +
               $"UID:{uid}\r\nDTSTAMP:{stamp}\r\nDUE:{due}\r\nSUMMARY:ProadSync capability probe (deleted at once)\r\n" +
               "X-PROAD-ID:proadsync:probe\r\n" +
               "STATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    }
}
