using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>
/// What the CalDAV target keeps in a <c>SyncCursor</c>: the collection it belongs to, the ctag and sync-token seen,
/// and how many deltas ran since the last full listing (for the periodic reconcile).
/// </summary>
/// <param name="Collection">A short hash of the collection URL (a cursor of another collection is not used).</param>
/// <param name="CTag">The ctag, if the server has one.</param>
/// <param name="Token">The sync-token, if the server has one.</param>
/// <param name="Runs">Deltas since the last full listing.</param>
internal sealed record DavCursor(string Collection, string? CTag, string? Token, int Runs)
{
    private const string Prefix = "dav1;";

    /// <summary>The short hash of a collection URL.</summary>
    /// <param name="collection">The collection.</param>
    /// <returns>The hash.</returns>
    public static string KeyOf(Uri collection) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Http.DavHref.Key(collection))))[..12];

    /// <summary>Reads a cursor value, or <see langword="null"/> when it is not one of ours.</summary>
    /// <param name="value">The cursor value.</param>
    /// <returns>The cursor.</returns>
    public static DavCursor? Parse(string? value)
    {
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string? c = null, g = null, t = null;
        var n = 0;
        foreach (var part in value[Prefix.Length..].Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var v = Uri.UnescapeDataString(part[(eq + 1)..]);
            switch (part[..eq])
            {
                case "c": c = v; break;
                case "g": g = v.Length == 0 ? null : v; break;
                case "t": t = v.Length == 0 ? null : v; break;
                case "n": _ = int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out n); break;
            }
        }

        return c is null ? null : new DavCursor(c, g, t, n);
    }

    /// <summary>The cursor value.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Prefix}c={Uri.EscapeDataString(Collection)};g={Uri.EscapeDataString(CTag ?? string.Empty)};t={Uri.EscapeDataString(Token ?? string.Empty)};n={Runs.ToString(CultureInfo.InvariantCulture)}";
}
