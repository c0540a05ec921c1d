namespace ProadSync.Plugin.CalDav.Http;

/// <summary>A parsed <c>WWW-Authenticate: Digest …</c> challenge (RFC 7616).</summary>
/// <param name="Realm">The realm.</param>
/// <param name="Nonce">The server nonce.</param>
/// <param name="Opaque">The opaque value to echo, if any.</param>
/// <param name="Algorithm">MD5 (default), MD5-sess, SHA-256 or SHA-256-sess.</param>
/// <param name="Qop">The offered quality of protection values (we use <c>auth</c> when offered).</param>
/// <param name="Stale">Whether the server said the previous nonce was stale (retry with the new one).</param>
internal sealed record DigestChallenge(string Realm, string Nonce, string? Opaque, string Algorithm, IReadOnlyList<string> Qop, bool Stale)
{
    /// <summary>Parses the parameters of a Digest challenge (the text after the word <c>Digest</c>).</summary>
    /// <param name="parameters">The challenge parameters.</param>
    /// <returns>The challenge, or <see langword="null"/> when realm or nonce is missing.</returns>
    public static DigestChallenge? Parse(string parameters)
    {
        var values = ParseParameters(parameters);
        if (!values.TryGetValue("realm", out var realm) || !values.TryGetValue("nonce", out var nonce))
        {
            return null;
        }

        values.TryGetValue("opaque", out var opaque);
        var algorithm = values.TryGetValue("algorithm", out var a) ? a : "MD5";
        var qop = values.TryGetValue("qop", out var q)
            ? q.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        var stale = values.TryGetValue("stale", out var s) && s.Equals("true", StringComparison.OrdinalIgnoreCase);
        return new DigestChallenge(realm, nonce, opaque, algorithm, qop, stale);
    }

    /// <summary>Parses <c>key=value, key="quoted, value"</c> lists.</summary>
    /// <param name="text">The list.</param>
    /// <returns>The values by lower-case key.</returns>
    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var keyStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',')
            {
                i++;
            }

            var key = text[keyStart..i].Trim();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++; // '='
            string value;
            if (i < text.Length && text[i] == '"')
            {
                i++;
                var sb = new System.Text.StringBuilder();
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    sb.Append(text[i]);
                    i++;
                }

                i++; // closing quote
                value = sb.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ',')
                {
                    i++;
                }

                value = text[valueStart..i].Trim();
            }

            if (key.Length > 0)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
