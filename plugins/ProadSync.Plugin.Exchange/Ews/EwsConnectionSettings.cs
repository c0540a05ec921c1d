using System.Globalization;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>The account settings the connector needs, read and checked once from <see cref="TargetSettings"/>.</summary>
internal sealed record EwsConnectionSettings
{
    public required Uri Endpoint { get; init; }

    public required string UserName { get; init; }

    public required string Password { get; init; }

    /// <summary>Text or HTML: the body format requested on reads (option <c>bodyType</c>).</summary>
    public string BodyType { get; init; } = "Text";

    /// <summary>MaxChangesReturned for SyncFolderItems, 1–512 (option <c>pageSize</c>).</summary>
    public int SyncPageSize { get; init; } = 512;

    /// <summary>Items per GetItem request (option <c>getItemBatchSize</c>).</summary>
    public int GetItemBatchSize { get; init; } = 20;

    /// <summary>Entries per FindItem page (option <c>findPageSize</c>; Exchange caps at 1000).</summary>
    public int FindPageSize { get; init; } = 500;

    /// <summary>The largest response accepted, in bytes (option <c>maxResponseBytes</c>).</summary>
    public long MaxResponseBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>The time one request may take (option <c>timeoutSeconds</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The SMTP address of the mailbox to act on by Exchange impersonation (option <c>impersonate</c>), or
    /// <see langword="null"/> to act on the login's own mailbox.
    /// </summary>
    public string? ImpersonatedMailbox { get; init; }

    /// <summary>The option that names the mailbox to impersonate.</summary>
    public const string ImpersonateOption = "impersonate";

    /// <exception cref="TargetConfigurationException">A setting is missing or invalid.</exception>
    public static EwsConnectionSettings From(TargetSettings settings)
    {
        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new TargetConfigurationException($"The Exchange URL '{settings.Url}' is not an http(s) URL; give the EWS endpoint, e.g. https://mail.example.com/EWS/Exchange.asmx.");
        }

        if (endpoint.AbsolutePath is "/" or "")
        {
            endpoint = new Uri(endpoint, "/EWS/Exchange.asmx");
        }

        if (string.IsNullOrEmpty(settings.UserName) || settings.Password is null)
        {
            throw new TargetConfigurationException("The Exchange account needs a user name and a password.");
        }

        string? Option(string key) => settings.Options.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        int Int(string key, int fallback, int min, int max)
        {
            var text = Option(key);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new TargetConfigurationException($"The option '{key}' must be a number from {min} to {max}, not '{text}'.");
        }

        var bodyType = Option("bodyType") ?? "Text";
        if (!bodyType.Equals("Text", StringComparison.OrdinalIgnoreCase) && !bodyType.Equals("HTML", StringComparison.OrdinalIgnoreCase))
        {
            throw new TargetConfigurationException($"The option 'bodyType' must be Text or HTML, not '{bodyType}'.");
        }

        return new EwsConnectionSettings
        {
            Endpoint = endpoint,
            UserName = settings.UserName,
            Password = settings.Password,
            BodyType = bodyType.Equals("HTML", StringComparison.OrdinalIgnoreCase) ? "HTML" : "Text",
            SyncPageSize = Int("pageSize", 512, 1, 512),
            GetItemBatchSize = Int("getItemBatchSize", 20, 1, 100),
            FindPageSize = Int("findPageSize", 500, 1, 1000),
            MaxResponseBytes = Int("maxResponseMegabytes", 32, 1, 1024) * 1024L * 1024,
            Timeout = TimeSpan.FromSeconds(Int("timeoutSeconds", 100, 1, 3600)),
            ImpersonatedMailbox = Option(ImpersonateOption) is { } impersonate ? SmtpAddress(impersonate) : null,
        };
    }

    /// <summary>Checks the value of the <c>impersonate</c> option: one bare SMTP address (no display name, no spaces).</summary>
    /// <exception cref="TargetConfigurationException">The value is not a plain SMTP address.</exception>
    private static string SmtpAddress(string value)
    {
        var address = value.Trim();
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var valid = address.Length is > 2 and <= 320 && at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1 &&
            !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '(' or ')' or ',' or ';' or ':' or '[' or ']' or '\\') &&
            !address[(at + 1)..].StartsWith('.') && !address.EndsWith('.') && address[(at + 1)..].Contains('.', StringComparison.Ordinal) &&
            System.Net.Mail.MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && parsed.DisplayName.Length == 0;
        return valid
            ? address
            : throw new TargetConfigurationException($"The option '{ImpersonateOption}' must be the SMTP address of the mailbox to act on (for example user@example.com), not '{value}'.");
    }
}
