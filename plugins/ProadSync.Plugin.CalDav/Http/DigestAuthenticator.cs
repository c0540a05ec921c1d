using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProadSync.Plugin.CalDav.Http;

/// <summary>
/// Computes <c>Authorization: Digest …</c> headers (RFC 7616, qop=auth or RFC 2069 without qop) from a cached challenge,
/// counting <c>nc</c> per nonce, so that only the first request of a connection is challenged (.NET's own Digest
/// support sends every request twice). Thread-safe.
/// </summary>
internal sealed class DigestAuthenticator
{
    private readonly Lock _gate = new();
    private readonly string _userName;
    private readonly string _password;
    private readonly Func<string> _cnonceFactory;
    private DigestChallenge? _challenge;
    private long _nonceCount;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cnonceFactory">Makes client nonces (tests pass a fixed one).</param>
    public DigestAuthenticator(string userName, string password, Func<string>? cnonceFactory = null)
    {
        _userName = userName;
        _password = password;
        _cnonceFactory = cnonceFactory ?? (() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
    }

    /// <summary>Whether a challenge is cached (headers can be computed without a round trip).</summary>
    public bool HasChallenge
    {
        get
        {
            lock (_gate)
            {
                return _challenge is not null;
            }
        }
    }

    /// <summary>Caches a new challenge and restarts the nonce count.</summary>
    /// <param name="challenge">The challenge.</param>
    public void Accept(DigestChallenge challenge)
    {
        lock (_gate)
        {
            _challenge = challenge;
            _nonceCount = 0;
        }
    }

    /// <summary>Computes the header value for one request, or <see langword="null"/> when no challenge is cached.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="requestUri">The request target as sent (path and query).</param>
    /// <returns>The value after <c>Authorization: </c>.</returns>
    public string? CreateHeader(string method, string requestUri)
    {
        DigestChallenge challenge;
        long nc;
        lock (_gate)
        {
            if (_challenge is null)
            {
                return null;
            }

            challenge = _challenge;
            nc = ++_nonceCount;
        }

        return Compute(challenge, _userName, _password, method, requestUri, nc, _cnonceFactory());
    }

    /// <summary>The Digest computation itself (pure, for tests).</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    /// <param name="method">The method.</param>
    /// <param name="uri">The request target.</param>
    /// <param name="nonceCount">The nonce count (1 for the first use of a nonce).</param>
    /// <param name="cnonce">The client nonce.</param>
    /// <returns>The header value.</returns>
    internal static string Compute(DigestChallenge challenge, string userName, string password, string method, string uri, long nonceCount, string cnonce)
    {
        var algorithm = challenge.Algorithm.ToUpperInvariant();
        var sha256 = algorithm.StartsWith("SHA-256", StringComparison.Ordinal);
        var session = algorithm.EndsWith("-SESS", StringComparison.Ordinal);
        string H(string s) => sha256
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))
#pragma warning disable CA5351 // MD5 is what HTTP Digest (RFC 2617/7616, SabreDAV, DAViCal) requires.
            : Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
#pragma warning restore CA5351

        var qop = challenge.Qop.Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase)) ? "auth" : null;
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var ha1 = H($"{userName}:{challenge.Realm}:{password}");
        if (session)
        {
            ha1 = H($"{ha1}:{challenge.Nonce}:{cnonce}");
        }

        var ha2 = H($"{method}:{uri}");
        var response = qop is null
            ? H($"{ha1}:{challenge.Nonce}:{ha2}")
            : H($"{ha1}:{challenge.Nonce}:{nc}:{cnonce}:{qop}:{ha2}");

        var sb = new StringBuilder("Digest ");
        sb.Append("username=\"").Append(Quote(userName)).Append("\", ");
        sb.Append("realm=\"").Append(Quote(challenge.Realm)).Append("\", ");
        sb.Append("nonce=\"").Append(Quote(challenge.Nonce)).Append("\", ");
        sb.Append("uri=\"").Append(Quote(uri)).Append("\", ");
        if (!challenge.Algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            sb.Append("algorithm=").Append(challenge.Algorithm).Append(", ");
        }

        if (qop is not null)
        {
            sb.Append("qop=").Append(qop).Append(", nc=").Append(nc).Append(", cnonce=\"").Append(cnonce).Append("\", ");
        }

        if (challenge.Opaque is not null)
        {
            sb.Append("opaque=\"").Append(Quote(challenge.Opaque)).Append("\", ");
        }

        sb.Append("response=\"").Append(response).Append('"');
        return sb.ToString();
    }

    private static string Quote(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
