namespace ProadSync.Plugin.CalDav.Http;

/// <summary>One HTTP answer as the DAV layer needs it: status, the headers that matter, the body (size-capped).</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body as text (UTF-8 unless the server or the XML declaration said otherwise; see <see cref="BodyText"/>).</param>
/// <param name="Headers">All response and content headers; repeated headers joined with ", " (DAViCal sends two DAV: headers).</param>
/// <param name="RequestUri">The URL that was requested.</param>
internal sealed record DavResponse(int StatusCode, string Body, IReadOnlyDictionary<string, string> Headers, Uri RequestUri)
{
    /// <summary>Whether the body named no encoding, was not UTF-8 and was read as Windows-1252.</summary>
    public bool ReadAsWindows1252 { get; init; }

    /// <summary>Whether the status is 2xx (a 207 still has to be looked into).</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The ETag header, without a weak prefix.</summary>
    public string? ETag => Header("ETag") is { Length: > 0 } e ? DavETag.Normalize(e) : null;

    /// <summary>The Location header.</summary>
    public string? Location => Header("Location");

    /// <summary>The merged DAV compliance classes (every DAV: header, split at commas).</summary>
    public IReadOnlySet<string> DavClasses =>
        (Header("DAV") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A header value, or <see langword="null"/>.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
