using System.Xml.Linq;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Exchange.Ews;

namespace ProadSync.Plugin.Exchange;

/// <summary>An Exchange mailbox's calendar and tasks folders over EWS.</summary>
internal sealed class ExchangeCalendarTarget : ICalendarTarget
{
    private readonly EwsClient _client;
    private readonly EwsConnectionSettings _settings;

    public ExchangeCalendarTarget(EwsClient client, EwsConnectionSettings settings)
    {
        _client = client;
        _settings = settings;
    }

    public TargetCapabilities Capabilities { get; } = new()
    {
        SupportsTasks = true,
        SupportsChangeCursor = true,
        TaskDatesAreDateOnly = true,
        MaxParallelWrites = 1,
    };

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        ExchangeConnectionTest.RunAsync(_client, cancellationToken);

    public async Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken)
    {
        // SyncFolderItems has no time range; the host applies the window itself.
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        var (state, full) = await EwsFolderSync.RunAsync(
            _client,
            CalendarItemMapper.FolderOf(kind),
            cursor?.Value,
            _settings.SyncPageSize,
            change =>
            {
                var id = change.Descendants(EwsXml.T + "ItemId").FirstOrDefault();
                if ((string?)id?.Attribute("Id") is not { } itemId)
                {
                    return;
                }

                switch (change.Name.LocalName)
                {
                    case "Create":
                    case "Update":
                        items[itemId] = (string?)id.Attribute("ChangeKey") ?? string.Empty;
                        deleted.Remove(itemId);
                        break;
                    case "Delete":
                        items.Remove(itemId);
                        deleted.Add(itemId);
                        break;
                    default:
                        break;
                }
            },
            () =>
            {
                // The server cannot continue from the cursor: a full listing instead.
                items.Clear();
                deleted.Clear();
            },
            cancellationToken);
        if (state is null)
        {
            throw new ItemRejectedException("The Exchange server returned SyncFolderItems without a SyncState.");
        }

        return new ChangeSet(
            items.Select(p => new ExternalItemRef(p.Key, new ItemVersion(p.Value))).ToList(),
            full ? [] : deleted.ToList(),
            new SyncCursor(state),
            full);
    }

    public async Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var result = new List<FetchedItem>();
        var expected = CalendarItemMapper.ElementOf(kind);
        foreach (var batch in ids.Chunk(_settings.GetItemBatchSize))
        {
            var messages = await _client.SendAsync("GetItem", EwsRequests.GetItem(batch, _settings.BodyType), cancellationToken);
            for (var i = 0; i < messages.Count && i < batch.Length; i++)
            {
                var message = messages[i];
                if (!message.IsSuccess)
                {
                    var error = EwsResponses.ToException(message, batch[i]);
                    if (error is ItemNotFoundException)
                    {
                        continue;
                    }

                    if (error is TransientTargetException or TargetAuthenticationException)
                    {
                        throw error;
                    }

                    result.Add(new FetchedItem(new ExternalItemRef(batch[i], new ItemVersion(string.Empty)), null, error.Message));
                    continue;
                }

                var element = message.Items.FirstOrDefault();
                var reference = Reference(element, batch[i]);
                if (element is null || element.Name.LocalName != expected)
                {
                    result.Add(new FetchedItem(reference, null, $"The Exchange item is a {element?.Name.LocalName ?? "nothing"}, not a {expected}."));
                    continue;
                }

                try
                {
                    result.Add(new FetchedItem(reference, CalendarItemMapper.FromElement(element)));
                }
                catch (FormatException e)
                {
                    result.Add(new FetchedItem(reference, null, $"The Exchange item could not be read: {e.Message}"));
                }
            }
        }

        return result;
    }

    public async Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken)
    {
        var folder = CalendarItemMapper.FolderOf(kind);
        var existing = await ExchangeAdoption.FindByIdentityAsync(_client, folder, identity, cancellationToken);
        if (existing is not null)
        {
            return new CreateResult(existing, Adopted: true);
        }

        var element = CalendarItemMapper.ElementOf(kind);
        var request = EwsRequests.CreateItem(folder, element, CalendarItemMapper.ToProperties(item with { Kind = kind }, identity));
        var message = await _client.SendOneAsync("CreateItem", request, cancellationToken);
        if (!message.IsSuccess)
        {
            throw EwsResponses.ToException(message, null);
        }

        return new CreateResult(Reference(message.Items.FirstOrDefault(), null), Adopted: false);
    }

    public async Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken)
    {
        var element = CalendarItemMapper.ElementOf(kind);
        var request = EwsRequests.UpdateItem(item.Id, item.Version.Value, element, CalendarItemMapper.ToProperties(content with { Kind = kind }, identity: null));
        var message = await _client.SendOneAsync("UpdateItem", request, cancellationToken);
        if (!message.IsSuccess)
        {
            throw EwsResponses.ToException(message, item.Id);
        }

        return Reference(message.Items.FirstOrDefault(), item.Id);
    }

    public async Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken)
    {
        // DeleteItem does not check ChangeKeys: read the current one first so a changed item is never deleted blindly.
        var check = await _client.SendOneAsync("GetItem", EwsRequests.GetItemIdOnly(item.Id), cancellationToken);
        if (!check.IsSuccess)
        {
            throw EwsResponses.ToException(check, item.Id);
        }

        if (Reference(check.Items.FirstOrDefault(), item.Id).Version != item.Version)
        {
            throw new VersionConflictException(item.Id);
        }

        var message = await _client.SendOneAsync("DeleteItem", EwsRequests.DeleteItem(item.Id, CalendarItemMapper.ElementOf(kind)), cancellationToken);
        if (!message.IsSuccess)
        {
            throw EwsResponses.ToException(message, item.Id);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static ExternalItemRef Reference(XElement? item, string? fallbackId)
    {
        var id = item?.Element(EwsXml.T + "ItemId");
        var itemId = (string?)id?.Attribute("Id") ?? fallbackId
            ?? throw new ItemRejectedException("The Exchange server's answer carries no ItemId.");
        return new ExternalItemRef(itemId, new ItemVersion((string?)id?.Attribute("ChangeKey") ?? string.Empty));
    }
}
