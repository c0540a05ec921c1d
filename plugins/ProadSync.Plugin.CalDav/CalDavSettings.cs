using System.Globalization;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.CalDav.Probe;

namespace ProadSync.Plugin.CalDav;

/// <summary>The account settings, checked and parsed.</summary>
internal sealed record CalDavSettings
{
    /// <summary>The base URL (or a collection URL).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The configured profile (<c>auto</c> when none).</summary>
    public string Profile { get; init; } = ServerProfiles.Auto;

    /// <summary>The user name.</summary>
    public string? UserName { get; init; }

    /// <summary>The password (never logged).</summary>
    public string? Password { get; init; }

    /// <summary>An events calendar given directly.</summary>
    public Uri? CalendarUrl { get; init; }

    /// <summary>A tasks calendar given directly.</summary>
    public Uri? TaskUrl { get; init; }

    /// <summary>An address book given directly.</summary>
    public Uri? AddressBookUrl { get; init; }

    /// <summary>Parallel writes.</summary>
    public int MaxParallelWrites { get; init; } = 4;

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Response size cap.</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Full reconcile every Nth delta on servers that hide deletions.</summary>
    public int ReconcileEvery { get; init; } = 12;

    /// <summary>Items per multiget.</summary>
    public int MultigetBatch { get; init; } = 100;

    /// <summary>The state store.</summary>
    public required ITargetStateStore State { get; init; }

    /// <summary>Checks and parses the settings.</summary>
    /// <param name="settings">The account settings.</param>
    /// <returns>The parsed settings.</returns>
    /// <exception cref="TargetConfigurationException">A URL or number is invalid, or the profile is unknown.</exception>
    public static CalDavSettings From(TargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new Dictionary<string, string>(settings.Options, StringComparer.OrdinalIgnoreCase);
        var profile = string.IsNullOrWhiteSpace(settings.Profile) ? ServerProfiles.Auto : settings.Profile.Trim().ToLowerInvariant();
        if (!ServerProfiles.All.Contains(profile))
        {
            throw new TargetConfigurationException(
                $"The profile '{settings.Profile}' is unknown; use one of {string.Join(", ", ServerProfiles.All)}.");
        }

        return new CalDavSettings
        {
            BaseUrl = Url(settings.Url, "server URL") ?? throw new TargetConfigurationException("The server URL is missing."),
            Profile = profile,
            UserName = string.IsNullOrEmpty(settings.UserName) ? null : settings.UserName,
            Password = settings.Password,
            CalendarUrl = Url(Get(options, CalDavOptionNames.CalendarUrl), CalDavOptionNames.CalendarUrl),
            TaskUrl = Url(Get(options, CalDavOptionNames.TaskUrl), CalDavOptionNames.TaskUrl),
            AddressBookUrl = Url(Get(options, CalDavOptionNames.AddressBookUrl), CalDavOptionNames.AddressBookUrl),
            MaxParallelWrites = Number(options, CalDavOptionNames.MaxParallelWrites, 4, 1, 32),
            Timeout = TimeSpan.FromSeconds(Number(options, CalDavOptionNames.TimeoutSeconds, 100, 1, 3600)),
            MaxResponseBytes = Number(options, CalDavOptionNames.MaxResponseBytes, 64 * 1024 * 1024, 64 * 1024, int.MaxValue),
            ReconcileEvery = Number(options, CalDavOptionNames.ReconcileEvery, 12, 1, 10_000),
            MultigetBatch = Number(options, CalDavOptionNames.MultigetBatch, 100, 1, 1000),
            State = settings.State,
        };
    }

    private static string? Get(Dictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static Uri? Url(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new TargetConfigurationException($"The {what} '{text}' is not an http(s) URL.");
        }

        return uri;
    }

    private static int Number(Dictionary<string, string> options, string key, int fallback, int min, int max)
    {
        var text = Get(options, key);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            throw new TargetConfigurationException($"The option {key} must be a whole number from {min} to {max}, not '{text}'.");
        }

        return n;
    }
}
