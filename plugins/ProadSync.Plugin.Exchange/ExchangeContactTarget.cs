using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Exchange.Ews;

namespace ProadSync.Plugin.Exchange;

/// <summary>An Exchange mailbox's Contacts folder over EWS (one-way export, SPEC section 8).</summary>
internal sealed class ExchangeContactTarget : IContactTarget
{
    private const string Folder = "contacts";
    private const string SyncStateKey = "exchange.contacts.syncState";
    private readonly EwsClient _client;
    private readonly EwsConnectionSettings _settings;
    private readonly ITargetStateStore _state;

    public ExchangeContactTarget(EwsClient client, EwsConnectionSettings settings, ITargetStateStore state)
    {
        _client = client;
        _settings = settings;
        _state = state;
    }

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        ExchangeConnectionTest.RunAsync(_client, cancellationToken);

    public async Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ExternalItemRef>();
        var offset = 0;
        while (true)
        {
            var message = await _client.SendOneAsync("FindItem", EwsRequests.FindItem(Folder, offset, _settings.FindPageSize, null), cancellationToken);
            if (!message.IsSuccess)
            {
                throw EwsResponses.ToException(message, null);
            }

            var root = message.Element.Element(EwsXml.M + "RootFolder")
                ?? throw new ItemRejectedException("The Exchange server's FindItem answer has no RootFolder.");
            var page = root.Element(EwsXml.T + "Items")?.Elements().ToList() ?? [];
            result.AddRange(page.Select(e => ExchangeCalendarTarget.Reference(e, null)));
            var last = (string?)root.Attribute("IncludesLastItemInRange");
            if (last is "true" or "1" || page.Count == 0)
            {
                return result;
            }

            offset = int.TryParse((string?)root.Attribute("IndexedPagingOffset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var next) && next > offset
                ? next
                : offset + page.Count;
        }
    }

    /// <summary>
    /// The Contacts folder's version: SyncFolderItems (IdOnly) from the sync state kept in the account's state. No
    /// change since it: the kept state's version, one request. A change, or no kept state: the new state is kept and
    /// its version returned. Without a state store (tools) the folder cannot tell its version.
    /// </summary>
    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken)
    {
        if (_state is NullTargetStateStore)
        {
            return null;
        }

        var kept = await _state.GetAsync(SyncStateKey, cancellationToken);
        var changed = false;
        var (state, fromBeginning) = await EwsFolderSync.RunAsync(_client, Folder, kept, _settings.SyncPageSize, _ => changed = true, () => { }, cancellationToken);
        if (state is null)
        {
            return null; // no sync state to keep: the folder cannot tell its version
        }

        if (!fromBeginning && !changed)
        {
            return VersionOf(kept!);
        }

        await _state.SetAsync(SyncStateKey, state, cancellationToken);
        return VersionOf(state);
    }

    private static string VersionOf(string syncState) =>
        "ews:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(syncState)), 0, 16);

    public async Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var result = new List<FetchedContact>();
        foreach (var batch in ids.Chunk(_settings.GetItemBatchSize))
        {
            var messages = await _client.SendAsync("GetItem", EwsRequests.GetItem(batch, "Text"), cancellationToken);
            for (var i = 0; i < messages.Count && i < batch.Length; i++)
            {
                if (!messages[i].IsSuccess)
                {
                    var error = EwsResponses.ToException(messages[i], batch[i]);
                    if (error is ItemNotFoundException)
                    {
                        continue;
                    }

                    if (error is TransientTargetException)
                    {
                        throw error;
                    }

                    result.Add(new FetchedContact(new ExternalItemRef(batch[i], new ItemVersion(string.Empty)), null, error.Message));
                    continue;
                }

                var element = messages[i].Items.FirstOrDefault();
                var reference = ExchangeCalendarTarget.Reference(element, batch[i]);
                result.Add(element?.Name.LocalName == "Contact"
                    ? new FetchedContact(reference, ContactMapper.FromElement(element))
                    : new FetchedContact(reference, null, $"The Exchange item is a {element?.Name.LocalName ?? "nothing"}, not a Contact."));
            }
        }

        return result;
    }

    public async Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken)
    {
        var existing = await ExchangeAdoption.FindByIdentityAsync(_client, Folder, identity, cancellationToken);
        if (existing is not null)
        {
            return new CreateResult(existing, Adopted: true);
        }

        var message = await _client.SendOneAsync("CreateItem", EwsRequests.CreateItem(Folder, "Contact", ContactMapper.ToProperties(contact, identity)), cancellationToken);
        if (!message.IsSuccess)
        {
            throw EwsResponses.ToException(message, null);
        }

        return new CreateResult(ExchangeCalendarTarget.Reference(message.Items.FirstOrDefault(), null), Adopted: false);
    }

    public async Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken)
    {
        var request = EwsRequests.UpdateItem(item.Id, item.Version.Value, "Contact", ContactMapper.ToProperties(contact, identity: null));
        var message = await _client.SendOneAsync("UpdateItem", request, cancellationToken);
        if (!message.IsSuccess)
        {
            throw EwsResponses.ToException(message, item.Id);
        }

        return ExchangeCalendarTarget.Reference(message.Items.FirstOrDefault(), item.Id);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
