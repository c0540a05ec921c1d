using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Http;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>Guarded writes and batched reads of items, shared by the CalDAV and the CardDAV target.</summary>
internal static class DavItems
{
    /// <summary>
    /// Creates <c>&lt;collection&gt;/&lt;identity&gt;.ics|.vcf</c> with <c>If-None-Match: *</c>; when it exists (412), returns
    /// the existing item as adopted. A missing ETag in the answer is read back.
    /// </summary>
    /// <param name="collection">The collection.</param>
    /// <param name="identity">The stable identity (file name and UID).</param>
    /// <param name="text">The object text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    public static async Task<CreateResult> CreateAsync(DavCollection collection, string identity, string text, CancellationToken cancellationToken)
    {
        var href = DavHref.Child(collection.Url, identity + collection.Extension);
        var id = DavHref.CanonicalId(href);
        var put = await DavAccount.Guard(() => collection.PutAsync(href, text, null, cancellationToken));
        if (put.Succeeded)
        {
            var etag = put.ETag ?? await collection.GetETagAsync(href, cancellationToken)
                ?? throw new TransientTargetException($"The server accepted '{id}' but does not show it; try again later.");
            return new CreateResult(new ExternalItemRef(id, new ItemVersion(etag)), Adopted: false);
        }

        if (put.Status == 412)
        {
            // If-None-Match failed: the identity exists already (an interrupted earlier run) — adopt it unchanged.
            var existing = await collection.GetETagAsync(href, cancellationToken);
            if (existing is not null)
            {
                return new CreateResult(new ExternalItemRef(id, new ItemVersion(existing)), Adopted: true);
            }

            throw new ItemRejectedException($"The server refused to create '{id}' (HTTP 412): the UID '{identity}' probably exists at another address.");
        }

        throw DavErrors.ForItem(put.Status, id, "create", put.Response);
    }

    /// <summary>Replaces an item if its ETag is still the one given.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="item">The item and the version the host saw.</param>
    /// <param name="text">The new text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item with its new version.</returns>
    public static async Task<ExternalItemRef> UpdateAsync(DavCollection collection, ExternalItemRef item, string text, CancellationToken cancellationToken)
    {
        var href = DavHref.FromId(collection.Url, item.Id);
        var put = await DavAccount.Guard(() => collection.PutAsync(href, text, item.Version.Value, cancellationToken));
        if (put.Succeeded)
        {
            var etag = put.ETag ?? await collection.GetETagAsync(href, cancellationToken)
                ?? throw new ItemNotFoundException(item.Id);
            return item with { Version = new ItemVersion(etag) };
        }

        if (put.Status is 412 or 404 or 410)
        {
            // If-Match on a missing resource also answers 412: tell "gone" from "changed".
            var current = await collection.GetETagAsync(href, cancellationToken);
            throw current is null ? new ItemNotFoundException(item.Id) : new VersionConflictException(item.Id);
        }

        throw DavErrors.ForItem(put.Status, item.Id, "update", put.Response);
    }

    /// <summary>Deletes an item if its ETag is still the one given.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="item">The item and the version the host saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public static async Task DeleteAsync(DavCollection collection, ExternalItemRef item, CancellationToken cancellationToken)
    {
        var href = DavHref.FromId(collection.Url, item.Id);
        var (status, response) = await DavAccount.Guard(() => collection.DeleteAsync(href, item.Version.Value, cancellationToken));
        if (status is >= 200 and < 300)
        {
            return;
        }

        if (status is 412 or 404 or 410)
        {
            var current = await collection.GetETagAsync(href, cancellationToken);
            throw current is null ? new ItemNotFoundException(item.Id) : new VersionConflictException(item.Id);
        }

        throw DavErrors.ForItem(status, item.Id, "delete", response);
    }

    /// <summary>
    /// Reads items with multiget in batches; when a server fails a whole report for one missing href (SabreDAV 1.8),
    /// reads that batch with single GETs. Missing items are left out.
    /// </summary>
    /// <param name="collection">The collection.</param>
    /// <param name="hrefs">The items.</param>
    /// <param name="batchSize">Items per report.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items found, in the order asked.</returns>
    public static async Task<IReadOnlyList<DavResource>> ReadAsync(
        DavCollection collection,
        IReadOnlyList<Uri> hrefs,
        int batchSize,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, DavResource>(StringComparer.Ordinal);
        foreach (var batch in hrefs.Chunk(batchSize))
        {
            var (items, failed) = await DavAccount.Guard(() => collection.MultiGetAsync(batch, cancellationToken));
            if (failed is { } status)
            {
                Log.MultigetFallback(logger, collection.Url, status, batch.Length);
                foreach (var href in batch)
                {
                    if (await DavAccount.Guard(() => collection.GetAsync(href, cancellationToken)) is { } one)
                    {
                        found[DavHref.CanonicalId(href)] = one;
                    }
                }

                continue;
            }

            foreach (var item in items)
            {
                found[DavHref.CanonicalId(item.Href)] = item;
            }
        }

        var result = new List<DavResource>();
        foreach (var href in hrefs)
        {
            if (found.TryGetValue(DavHref.CanonicalId(href), out var item))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
