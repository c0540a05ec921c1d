using System.Collections.Concurrent;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.VCard;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>Contacts exported as vCard 3.0 into a CardDAV address book (SPEC section 8).</summary>
internal sealed class CardDavContactTarget : IContactTarget
{
    private readonly DavAccount _account;
    private readonly ConcurrentDictionary<string, string> _uidById = new(StringComparer.Ordinal);
    private DavCollection? _book;

    /// <summary>Creates the target (does not connect).</summary>
    /// <param name="account">The account connection.</param>
    public CardDavContactTarget(DavAccount account) => _account = account;

    /// <inheritdoc />
    public async Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var (go, authFailed) = await _account.TestBasicsAsync(steps, cancellationToken);
        if (!go)
        {
            return new ConnectionTestReport(steps.Where(s => s.Name != "profile chosen").ToList()) { AuthenticationFailed = authFailed };
        }

        try
        {
            _book = await _account.GetAddressBookAsync(cancellationToken);
            var listing = await DavAccount.Guard(() => _book.ListAsync(null, cancellationToken));
            steps.Add(new ConnectionTestStep("collections found", TestOutcome.Passed, $"Found the address book {_book.Url} with {listing.Count} contacts."));
        }
        catch (TargetException ex)
        {
            steps.Add(new ConnectionTestStep("collections found", TestOutcome.Failed, ex.Message));
            return new ConnectionTestReport(steps) { AuthenticationFailed = ex is TargetAuthenticationException };
        }

        return new ConnectionTestReport(steps);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken)
    {
        var book = await BookAsync(cancellationToken);
        var listing = await DavAccount.Guard(() => book.ListAsync(null, cancellationToken));
        return listing.Select(r => new ExternalItemRef(DavHref.CanonicalId(r.Href), new ItemVersion(r.ETag))).ToList();
    }

    /// <inheritdoc />
    /// <remarks>The address book's ctag, else its sync-token (one PROPFIND, Depth 0); as trusted as the calendar's ctag short-cut.</remarks>
    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken)
    {
        var book = await BookAsync(cancellationToken);
        var (ctag, token) = await DavAccount.Guard(() => book.GetCTagAsync(cancellationToken));
        await _account.RememberSchemeAsync(cancellationToken);
        return ctag is not null ? "ctag:" + ctag : token is not null ? "token:" + token : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var book = await BookAsync(cancellationToken);
        var read = await DavItems.ReadAsync(book, ids.Select(id => DavHref.FromId(book.Url, id)).ToList(), _account.Settings.MultigetBatch, _account.Logger, cancellationToken);
        var result = new List<FetchedContact>();
        foreach (var r in read)
        {
            var reference = new ExternalItemRef(DavHref.CanonicalId(r.Href), new ItemVersion(r.ETag));
            try
            {
                var card = VCardReader.Read(r.Data ?? string.Empty);
                if (card.Uid is not null)
                {
                    _uidById[reference.Id] = card.Uid;
                }

                result.Add(new FetchedContact(reference, card.Contact));
            }
            catch (VCardFormatException ex)
            {
                result.Add(new FetchedContact(reference, null, $"The server's vCard cannot be read: {ex.Message}"));
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentNullException.ThrowIfNull(contact);
        var book = await BookAsync(cancellationToken);
        var result = await DavItems.CreateAsync(book, identity, VCardWriter.Write(identity, contact), cancellationToken);
        if (!result.Adopted)
        {
            _uidById[result.Item.Id] = identity;
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(contact);
        var book = await BookAsync(cancellationToken);
        var id = DavHref.CanonicalId(DavHref.FromId(book.Url, item.Id));
        if (!_uidById.TryGetValue(id, out var uid))
        {
            var current = await DavAccount.Guard(() => book.GetAsync(DavHref.FromId(book.Url, item.Id), cancellationToken))
                ?? throw new ItemNotFoundException(item.Id);
            if (current.ETag != DavETag.Normalize(item.Version.Value))
            {
                throw new VersionConflictException(item.Id);
            }

            uid = SafeUid(current);
        }

        var updated = await DavItems.UpdateAsync(book, item, VCardWriter.Write(uid, contact), cancellationToken);
        _uidById[id] = uid;
        return updated;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _account.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string SafeUid(DavResource current)
    {
        try
        {
            if (VCardReader.Read(current.Data ?? string.Empty).Uid is { Length: > 0 } uid)
            {
                return uid;
            }
        }
        catch (VCardFormatException)
        {
        }

        var name = DavHref.LastSegment(current.Href);
        return name.EndsWith(".vcf", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    private async Task<DavCollection> BookAsync(CancellationToken cancellationToken) =>
        _book ??= await _account.GetAddressBookAsync(cancellationToken);
}
