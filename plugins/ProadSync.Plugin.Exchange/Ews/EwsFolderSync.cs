using System.Xml.Linq;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>
/// One round of SyncFolderItems (IdOnly) over a folder: every page until <c>IncludesLastItemInRange</c>, each change
/// handed to the caller. A sync state the server no longer accepts (<c>ErrorInvalidSyncStateData</c>) starts the round
/// over once from the beginning.
/// </summary>
internal static class EwsFolderSync
{
    /// <summary>Runs the round.</summary>
    /// <param name="client">The EWS client.</param>
    /// <param name="folder">The distinguished folder.</param>
    /// <param name="syncState">The state to continue from, or <see langword="null"/> for all items.</param>
    /// <param name="pageSize">MaxChangesReturned.</param>
    /// <param name="onChange">Called with each Create, Update or Delete element, in order.</param>
    /// <param name="onStartOver">Called when the round starts over (what <paramref name="onChange"/> saw so far is void).</param>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>
    /// The new sync state (<see langword="null"/> when the server answered a page without one; the round stops there),
    /// and whether the round started from the beginning (no state, or an invalid one).
    /// </returns>
    public static async Task<(string? SyncState, bool FromBeginning)> RunAsync(
        EwsClient client,
        string folder,
        string? syncState,
        int pageSize,
        Action<XElement> onChange,
        Action onStartOver,
        CancellationToken cancellationToken)
    {
        var state = syncState;
        var fromBeginning = state is null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var message = await client.SendOneAsync("SyncFolderItems", EwsRequests.SyncFolderItems(folder, state, pageSize), cancellationToken);
            if (!message.IsSuccess)
            {
                if (message.ResponseCode == "ErrorInvalidSyncStateData" && !fromBeginning)
                {
                    state = null;
                    fromBeginning = true;
                    onStartOver();
                    continue;
                }

                throw EwsResponses.ToException(message, null);
            }

            foreach (var change in message.Element.Element(EwsXml.M + "Changes")?.Elements() ?? [])
            {
                onChange(change);
            }

            state = message.Element.Element(EwsXml.M + "SyncState")?.Value;
            if (string.IsNullOrEmpty(state))
            {
                return (null, fromBeginning);
            }

            if (message.Element.Element(EwsXml.M + "IncludesLastItemInRange")?.Value is "true" or "1")
            {
                return (state, fromBeginning);
            }
        }
    }
}
