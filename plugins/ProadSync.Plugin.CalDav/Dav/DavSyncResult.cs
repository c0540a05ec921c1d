namespace ProadSync.Plugin.CalDav.Dav;

/// <summary>The answer of a sync-collection REPORT.</summary>
/// <param name="Changed">Items created or changed.</param>
/// <param name="Deleted">Items deleted (404 in the report).</param>
/// <param name="Token">The new sync-token.</param>
internal sealed record DavSyncResult(IReadOnlyList<DavResource> Changed, IReadOnlyList<Uri> Deleted, string? Token);
