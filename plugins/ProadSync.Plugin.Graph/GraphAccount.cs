using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.Graph;

/// <summary>One account's Graph settings, read from <see cref="TargetSettings"/>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="TargetSettings.Url"/>: the Graph base URL (empty: <c>https://graph.microsoft.com/v1.0</c>).</item>
/// <item><see cref="TargetSettings.UserName"/>: the mailbox (UPN or object id).</item>
/// <item><see cref="TargetSettings.Password"/>: the client secret, or the certificate's password when
/// <c>certificatePath</c> is set.</item>
/// <item>Options <c>tenantId</c>, <c>clientId</c> (required), <c>certificatePath</c> (a PFX file),
/// <c>authority</c> (the token authority, e.g. <c>https://login.microsoftonline.com</c>; when set, the plugin sends
/// the client-credentials request itself), <c>scope</c>, <c>maxRetryAfterSeconds</c> (default 30),
/// <c>pageSize</c> (default 100).</item>
/// </list>
/// </remarks>
internal sealed record GraphAccount
{
    public const string DefaultGraphUrl = "https://graph.microsoft.com/v1.0";

    public required Uri GraphUrl { get; init; }

    public required string Mailbox { get; init; }

    public required string TenantId { get; init; }

    public required string ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? CertificatePath { get; init; }

    public Uri? Authority { get; init; }

    public string Scope { get; init; } = "https://graph.microsoft.com/.default";

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    public int PageSize { get; init; } = 100;

    public static GraphAccount FromSettings(TargetSettings settings)
    {
        string? Option(string name) =>
            settings.Options.FirstOrDefault(o => string.Equals(o.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } v ? v.Trim() : null;

        var url = string.IsNullOrWhiteSpace(settings.Url) ? DefaultGraphUrl : settings.Url.Trim().TrimEnd('/');
        if (!Uri.TryCreate(url, UriKind.Absolute, out var graphUrl) || (graphUrl.Scheme != Uri.UriSchemeHttps && !graphUrl.IsLoopback))
        {
            throw new TargetConfigurationException($"The Graph URL '{url}' is not an absolute https URL.");
        }

        var mailbox = settings.UserName?.Trim();
        if (string.IsNullOrEmpty(mailbox))
        {
            throw new TargetConfigurationException("The mailbox (user name, e.g. anna@contoso.com) is missing.");
        }

        var tenant = Option("tenantId") ?? throw new TargetConfigurationException("The option 'tenantId' (the Entra tenant id) is missing.");
        var client = Option("clientId") ?? throw new TargetConfigurationException("The option 'clientId' (the app registration's application id) is missing.");
        var certificate = Option("certificatePath");
        if (certificate is null && string.IsNullOrEmpty(settings.Password))
        {
            throw new TargetConfigurationException("Neither a client secret (password) nor the option 'certificatePath' is set.");
        }

        Uri? authority = null;
        if (Option("authority") is { } a)
        {
            if (!Uri.TryCreate(a, UriKind.Absolute, out authority) || (authority.Scheme != Uri.UriSchemeHttps && !authority.IsLoopback))
            {
                throw new TargetConfigurationException($"The option 'authority' ('{a}') is not an absolute https URL.");
            }
        }

        var account = new GraphAccount
        {
            GraphUrl = graphUrl,
            Mailbox = mailbox,
            TenantId = tenant,
            ClientId = client,
            ClientSecret = settings.Password,
            CertificatePath = certificate,
            Authority = authority,
        };
        if (Option("scope") is { } scope)
        {
            account = account with { Scope = scope };
        }

        if (Option("maxRetryAfterSeconds") is { } retry)
        {
            account = account with
            {
                MaxRetryAfter = int.TryParse(retry, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
                    ? TimeSpan.FromSeconds(s)
                    : throw new TargetConfigurationException($"The option 'maxRetryAfterSeconds' ('{retry}') is not a whole number of seconds."),
            };
        }

        if (Option("pageSize") is { } page)
        {
            account = account with
            {
                PageSize = int.TryParse(page, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1000
                    ? p
                    : throw new TargetConfigurationException($"The option 'pageSize' ('{page}') must be a number from 1 to 1000."),
            };
        }

        return account;
    }
}
