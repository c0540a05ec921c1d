using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProadSync.FakeEws.Protocol;

/// <summary>
/// Encodes the position of a SyncFolderItems client as an opaque, signed blob: the folder, the change number the
/// current round started from (base) and the change number delivered so far (mark).
/// </summary>
internal static class SyncStateCodec
{
    public static string Encode(FakeEwsState state, string folderId, long baseSeq, long mark)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"v1|{folderId}|{baseSeq}|{mark}|{state.SyncStateEpoch}");
        var mac = HMACSHA256.HashData(state.SyncStateKey, Encoding.UTF8.GetBytes(payload));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload + "|" + Convert.ToHexString(mac, 0, 12)));
    }

    /// <exception cref="EwsItemException">The blob is not a valid state for this folder (ErrorInvalidSyncStateData).</exception>
    public static (long Base, long Mark) Decode(FakeEwsState state, string folderId, string blob)
    {
        var invalid = new EwsItemException("ErrorInvalidSyncStateData", "Synchronization state data is corrupt or otherwise invalid.");
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(blob.Trim()));
        }
        catch (FormatException)
        {
            throw invalid;
        }

        var parts = text.Split('|');
        if (parts.Length != 6 || parts[0] != "v1")
        {
            throw invalid;
        }

        var payload = string.Join('|', parts, 0, 5);
        var mac = Convert.ToHexString(HMACSHA256.HashData(state.SyncStateKey, Encoding.UTF8.GetBytes(payload)), 0, 12);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(parts[5])) ||
            parts[1] != folderId ||
            parts[4] != state.SyncStateEpoch.ToString(CultureInfo.InvariantCulture) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var baseSeq) ||
            !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var mark))
        {
            throw invalid;
        }

        return (baseSeq, mark);
    }
}
