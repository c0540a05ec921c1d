using System.Globalization;
using ProadSync.Abstractions.Errors;

namespace ProadSync.Plugin.CalDav.Http;

/// <summary>Turns HTTP statuses into the contract's exceptions, with one sentence for a person.</summary>
internal static class DavErrors
{
    /// <summary>The exception for a failed request on one item.</summary>
    /// <param name="status">The effective status (the inner one of a 207).</param>
    /// <param name="itemId">The item's id (href).</param>
    /// <param name="action">What was done ("update", "create", "delete", "read").</param>
    /// <param name="response">The answer, for Retry-After and the reason text.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception ForItem(int status, string itemId, string action, DavResponse? response)
    {
        var reason = Reason(response);
        return status switch
        {
            401 => Authentication(response),
            404 or 410 => new ItemNotFoundException(itemId),
            412 => new VersionConflictException(itemId),
            408 or 429 or >= 500 => Transient(status, $"{action} of '{itemId}'", response),
            _ => new ItemRejectedException(
                $"The server refused to {action} the item '{itemId}' (HTTP {status.ToString(CultureInfo.InvariantCulture)}{reason}).")
        };
    }

    /// <summary>The exception for a failed request on a collection (listing, discovery).</summary>
    /// <param name="status">The status.</param>
    /// <param name="what">What was asked ("the listing of …").</param>
    /// <param name="response">The answer.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception ForCollection(int status, string what, DavResponse? response) => status switch
    {
        401 => Authentication(response),
        408 or 429 or >= 500 => Transient(status, what, response),
        404 or 410 => new TargetConfigurationException(
            $"The server has no collection at {response?.RequestUri} ({what}, HTTP {status}); check the URL or let discovery find it."),
        _ => new TargetConfigurationException($"The server refused {what} (HTTP {status}{Reason(response)})."),
    };

    /// <summary>The exception for refused credentials.</summary>
    /// <param name="response">The 401 answer.</param>
    /// <returns>The exception.</returns>
    public static TargetAuthenticationException Authentication(DavResponse? response) =>
        new($"The server {response?.RequestUri.GetLeftPart(UriPartial.Authority)} refused the user name or password (HTTP 401).");

    /// <summary>Maps a protocol problem (malformed or oversized answer).</summary>
    /// <param name="ex">The problem.</param>
    /// <returns>The exception.</returns>
    public static TransientTargetException Protocol(DavProtocolException ex) =>
        new($"The server's answer could not be used: {ex.Message}", innerException: ex);

    private static TransientTargetException Transient(int status, string what, DavResponse? response)
    {
        TimeSpan? retryAfter = null;
        if (response?.Header("Retry-After") is { } ra)
        {
            if (int.TryParse(ra, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                retryAfter = TimeSpan.FromSeconds(seconds);
            }
        }

        return new TransientTargetException($"The server failed {what} (HTTP {status}); it may work later.", retryAfter);
    }

    private static string Reason(DavResponse? response)
    {
        if (response is null || string.IsNullOrWhiteSpace(response.Body) || response.Body.Length > 2000)
        {
            return string.Empty;
        }

        var text = response.Body.Trim();
        if (text.StartsWith('<'))
        {
            // Keep element names of DAV:error (e.g. supported-calendar-component), drop the markup.
            text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*?([A-Za-z-]+)\\s*/>", " $1 ");
            text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]+>", " ");
        }

        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > 200)
        {
            text = text[..200] + "…";
        }

        return text.Length == 0 ? string.Empty : ": " + text;
    }
}
