using System.Globalization;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using ProadSync.Abstractions.Errors;

namespace ProadSync.Plugin.Graph;

/// <summary>Turns SDK and transport failures into the contract's exceptions.</summary>
internal static class GraphErrors
{
    /// <summary>Whether the failure means a delta token is no longer valid (410 Gone, <c>syncStateNotFound</c>).</summary>
    public static bool IsSyncStateLost(Exception ex) =>
        ex is ApiException api && (api.ResponseStatusCode == 410
            || (ex is ODataError o && string.Equals(o.Error?.Code, "syncStateNotFound", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether the failure is a 404.</summary>
    public static bool IsNotFound(Exception ex) => ex is ApiException { ResponseStatusCode: 404 };

    /// <summary>Maps a failure; returns <see langword="null"/> when it should propagate unchanged (cancellation).</summary>
    /// <param name="ex">The failure.</param>
    /// <param name="what">What was being done, for the message ("reading the calendar").</param>
    /// <param name="itemId">The item involved, if any.</param>
    /// <param name="isWrite">Whether the request carried content (a 400 then rejects the item).</param>
    /// <returns>The contract exception.</returns>
    public static Exception Map(Exception ex, string what, string? itemId = null, bool isWrite = false)
    {
        switch (ex)
        {
            case TargetException or OperationCanceledException when ex is not TaskCanceledException { InnerException: TimeoutException }:
                return ex;
            case ApiException api:
                var code = (ex as ODataError)?.Error?.Code;
                var message = (ex as ODataError)?.Error?.Message ?? api.Message;
                var detail = $"{what}: Graph answered {api.ResponseStatusCode}{(code is null ? string.Empty : " " + code)}: {message}";
                return api.ResponseStatusCode switch
                {
                    401 => new TargetAuthenticationException($"Graph refused the access token while {detail}", false, ex),
                    403 => new TargetAuthenticationException($"The app has no permission for this mailbox (check the API permissions, admin consent and any application access policy) while {detail}", false, ex),
                    404 when itemId is not null => new ItemNotFoundException(itemId, ex),
                    404 => new TargetConfigurationException($"The mailbox or folder was not found while {detail}", ex),
                    409 or 412 when itemId is not null => new VersionConflictException(itemId, ex),
                    408 or 429 or >= 500 => new TransientTargetException($"Graph is busy or unavailable while {detail}", RetryAfter(api), ex),
                    400 or 413 or 422 when isWrite => new ItemRejectedException($"Graph refused {(itemId is null ? "the new item" : $"the item '{itemId}'")} while {detail}", ex),
                    _ => new TargetConfigurationException($"Graph refused the request while {detail}", ex),
                };
            case HttpRequestException or IOException or TimeoutException or TaskCanceledException:
                return new TransientTargetException($"Graph cannot be reached while {what}: {ex.Message}", null, ex);
            default:
                return ex;
        }
    }

    private static TimeSpan? RetryAfter(ApiException api)
    {
        foreach (var (name, values) in api.ResponseHeaders)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                var value = values.FirstOrDefault();
                if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    return at - TimeProvider.System.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
                }
            }
        }

        return null;
    }
}
