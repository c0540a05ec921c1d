using System.Net;
using System.Text.Json;
using ProadSync.Abstractions.Errors;

namespace ProadSync.Plugin.Graph.Auth;

/// <summary>
/// The OAuth 2.0 client-credentials grant against <c>{authority}/{tenant}/oauth2/v2.0/token</c> with a client
/// secret, sent by the plugin itself. Used when the account names an authority (sovereign clouds, tests on
/// loopback), because Azure.Identity accepts https authorities only.
/// </summary>

/// <inheritdoc />
internal sealed class ClientCredentialsTokenSource(HttpClient http, GraphAccount account, TimeProvider time) : IGraphTokenSource
{
    private const int MaxResponseBytes = 64 * 1024;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && time.GetUtcNow() < _expires)
            {
                return _token;
            }

            if (account.CertificatePath is not null)
            {
                throw new TargetConfigurationException("A certificate cannot be used with the option 'authority'; use a client secret or remove 'authority'.");
            }

            var endpoint = new Uri(account.Authority!, $"{Uri.EscapeDataString(account.TenantId)}/oauth2/v2.0/token");
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = account.ClientId,
                    ["client_secret"] = account.ClientSecret ?? string.Empty,
                    ["scope"] = account.Scope,
                }),
            };
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new TransientTargetException($"The token endpoint {endpoint.GetLeftPart(UriPartial.Authority)} cannot be reached: {ex.Message}", null, ex);
            }

            using (response)
            {
                var body = await ReadCappedAsync(response, cancellationToken);
                JsonElement json;
                try
                {
                    json = JsonDocument.Parse(body).RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new TransientTargetException($"The token endpoint answered {(int)response.StatusCode} with a body that is not JSON.");
                }

                if (!response.IsSuccessStatusCode)
                {
                    var error = json.TryGetProperty("error", out var e) ? e.GetString() : null;
                    var description = json.TryGetProperty("error_description", out var d) ? d.GetString() : null;
                    var firstLine = description?.Split('\n', 2)[0].Trim();
                    if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        throw new TransientTargetException($"The token endpoint is unavailable ({(int)response.StatusCode}).", response.Headers.RetryAfter?.Delta);
                    }

                    if (error is "invalid_client" or "unauthorized_client" or "invalid_grant")
                    {
                        throw new TargetAuthenticationException($"Entra ID refused the app credentials ({error}): {firstLine}");
                    }

                    throw new TargetConfigurationException($"Entra ID refused the token request ({error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}): {firstLine}");
                }

                var token = json.TryGetProperty("access_token", out var t) ? t.GetString() : null;
                if (string.IsNullOrEmpty(token))
                {
                    throw new TargetAuthenticationException("The token endpoint answered without an access token.");
                }

                var lifetime = json.TryGetProperty("expires_in", out var x) && x.TryGetInt32(out var seconds) ? seconds : 3599;
                _token = token;
                _expires = time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 300));
                return token;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _token = null;

    public void Dispose()
    {
        _gate.Dispose();
        http.Dispose();
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new TransientTargetException("The token endpoint's answer is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
