using System.Text.Json.Nodes;
using ProadSync.FakeGraph.Store;

namespace ProadSync.FakeGraph;

/// <summary>
/// The state behind a <see cref="FakeGraphServer"/>: mailboxes, issued tokens and delta positions, injected faults
/// and the request log. Tests use it to act as "the user in Outlook" (edit or delete items directly) and to inject
/// failures. All members are thread-safe.
/// </summary>
public sealed class FakeGraphState
{
    private readonly Dictionary<string, Mailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeltaRound> _deltas = new(StringComparer.Ordinal);
    private readonly List<FakeFault> _faults = [];
    private readonly Dictionary<FakeFault, int> _faultUses = [];
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>Creates the state.</summary>
    /// <param name="options">The set-up.</param>
    /// <param name="timeProvider">The clock for token expiry and timestamps.</param>
    public FakeGraphState(FakeGraphOptions options, TimeProvider timeProvider)
    {
        Options = options;
        TimeProvider = timeProvider;
        foreach (var upn in options.Mailboxes)
        {
            AddMailbox(upn);
        }
    }

    /// <summary>The set-up.</summary>
    public FakeGraphOptions Options { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    internal object Sync { get; } = new();

    /// <summary>The requests received so far (a copy).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (Sync)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// How many meeting messages (updates or cancellations) the fake would have sent: Exchange mails the attendees
    /// when the organizer's copy of a meeting (an event with attendees) is changed or deleted.
    /// </summary>
    public int MeetingMessagesSent { get; private set; }

    /// <summary>Adds a mailbox (no-op if it exists).</summary>
    /// <param name="userPrincipalName">The mailbox's UPN.</param>
    public void AddMailbox(string userPrincipalName)
    {
        lock (Sync)
        {
            _mailboxes.TryAdd(userPrincipalName, new Mailbox(userPrincipalName));
        }
    }

    /// <summary>Forgets every issued delta and page token: the next use gets 410 <c>syncStateNotFound</c>.</summary>
    public void ExpireDeltaTokens()
    {
        lock (Sync)
        {
            _deltas.Clear();
        }
    }

    /// <summary>Invalidates every issued access token: the next request with one gets 401.</summary>
    public void RevokeAccessTokens()
    {
        lock (Sync)
        {
            _tokens.Clear();
        }
    }

    /// <summary>Adds a fault; faults are matched in the order they were added.</summary>
    /// <param name="fault">The fault.</param>
    public void InjectFault(FakeFault fault)
    {
        lock (Sync)
        {
            _faults.Add(fault);
            _faultUses[fault] = 0;
        }
    }

    /// <summary>Removes all faults not used up yet.</summary>
    public void ClearFaults()
    {
        lock (Sync)
        {
            _faults.Clear();
            _faultUses.Clear();
        }
    }

    /// <summary>Clears the request log.</summary>
    public void ClearRequests()
    {
        lock (Sync)
        {
            _requests.Clear();
        }
    }

    /// <summary>Lists a collection's items as stored (copies, immutable ids, with extended properties and linked resources).</summary>
    /// <param name="userPrincipalName">The mailbox.</param>
    /// <param name="collection">The collection.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<JsonObject> List(string userPrincipalName, FakeCollection collection)
    {
        lock (Sync)
        {
            return [.. StoreOf(userPrincipalName, collection).Items.Select(i => Render(i, new RenderOptions(true, null, true, true)))];
        }
    }

    /// <summary>Creates an item as if a user had created it in Outlook or To Do.</summary>
    /// <param name="userPrincipalName">The mailbox.</param>
    /// <param name="collection">The collection.</param>
    /// <param name="data">The item's JSON (Graph shape).</param>
    /// <returns>The new item's immutable id.</returns>
    public string Create(string userPrincipalName, FakeCollection collection, JsonObject data)
    {
        lock (Sync)
        {
            var store = StoreOf(userPrincipalName, collection);
            var item = store.Add((JsonObject)data.DeepClone(), null);
            var error = collection == FakeCollection.Events ? EventTimes.Apply(item) : null;
            if (error is not null)
            {
                throw new ArgumentException(error, nameof(data));
            }

            return item.ImmutableId;
        }
    }

    /// <summary>Changes an item as if a user had edited it (its change key and delta position move).</summary>
    /// <param name="userPrincipalName">The mailbox.</param>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="edit">The edit of the stored JSON.</param>
    public void Edit(string userPrincipalName, FakeCollection collection, string id, Action<JsonObject> edit)
    {
        lock (Sync)
        {
            var store = StoreOf(userPrincipalName, collection);
            var item = store.Find(id) ?? throw new KeyNotFoundException($"No item '{id}'.");
            edit(item.Data);
            if (collection == FakeCollection.Events && EventTimes.Apply(item) is { } error)
            {
                throw new ArgumentException(error, nameof(edit));
            }

            store.Touch(item);
        }
    }

    /// <summary>Deletes an item as if a user had deleted it.</summary>
    /// <param name="userPrincipalName">The mailbox.</param>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The item's id.</param>
    public void Delete(string userPrincipalName, FakeCollection collection, string id)
    {
        lock (Sync)
        {
            var store = StoreOf(userPrincipalName, collection);
            store.Remove(store.Find(id) ?? throw new KeyNotFoundException($"No item '{id}'."));
        }
    }

    internal ItemStore StoreOf(string userPrincipalName, FakeCollection collection)
    {
        var mailbox = FindMailbox(userPrincipalName) ?? throw new KeyNotFoundException($"No mailbox '{userPrincipalName}'.");
        return collection switch
        {
            FakeCollection.Events => mailbox.Events,
            FakeCollection.Tasks => mailbox.DefaultTaskList.Tasks,
            _ => mailbox.Contacts,
        };
    }

    internal Mailbox? FindMailbox(string userPrincipalName)
    {
        if (_mailboxes.TryGetValue(userPrincipalName, out var mailbox))
        {
            return mailbox;
        }

        mailbox = _mailboxes.Values.FirstOrDefault(m => string.Equals(m.Id, userPrincipalName, StringComparison.OrdinalIgnoreCase));
        if (mailbox is null && Options.CreateMailboxesOnDemand && userPrincipalName.Contains('@', StringComparison.Ordinal))
        {
            mailbox = new Mailbox(userPrincipalName);
            _mailboxes.Add(userPrincipalName, mailbox);
        }

        return mailbox;
    }

    internal string IssueToken()
    {
        var token = "fake." + ItemStore.NewToken(32);
        _tokens[token] = TimeProvider.GetUtcNow() + Options.TokenLifetime;
        return token;
    }

    internal bool IsValidToken(string token) =>
        _tokens.TryGetValue(token, out var expires) && expires > TimeProvider.GetUtcNow();

    internal string SaveDelta(DeltaRound round)
    {
        var token = ItemStore.NewToken(24);
        _deltas[token] = round;
        return token;
    }

    internal DeltaRound? TakeDelta(string token, bool remove)
    {
        if (!_deltas.TryGetValue(token, out var round))
        {
            return null;
        }

        if (remove)
        {
            _deltas.Remove(token);
        }

        return round;
    }

    internal FakeFault? MatchFault(string method, string path)
    {
        foreach (var fault in _faults)
        {
            if ((fault.Method is null || string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase))
                && (fault.PathContains is null || path.Contains(fault.PathContains, StringComparison.OrdinalIgnoreCase)))
            {
                var uses = _faultUses[fault] + 1;
                _faultUses[fault] = uses;
                if (uses >= fault.Times)
                {
                    _faults.Remove(fault);
                    _faultUses.Remove(fault);
                }

                return fault;
            }
        }

        return null;
    }

    internal void Record(RecordedRequest request) => _requests.Add(request);

    internal void CountMeetingMessage(StoredItem item)
    {
        if (item.Data["attendees"] is JsonArray { Count: > 0 })
        {
            MeetingMessagesSent++;
        }
    }

    internal static JsonObject Render(StoredItem item, RenderOptions options)
    {
        var copy = (JsonObject)item.Data.DeepClone();
        copy.Remove("singleValueExtendedProperties");
        copy.Remove("linkedResources");
        copy.Remove("changeKey");
        var result = new JsonObject
        {
            ["@odata.etag"] = item.ETag,
            ["id"] = options.Immutable ? item.ImmutableId : item.RestId,
        };
        foreach (var (key, value) in copy.ToList())
        {
            copy.Remove(key);
            result[key] = value;
        }

        if (item.HasChangeKey)
        {
            result["changeKey"] = item.ChangeKey;
        }

        if (options.ExpandExtendedProperties && item.Data["singleValueExtendedProperties"] is JsonArray props)
        {
            var selected = props.OfType<JsonObject>()
                .Where(p => options.ExtendedPropertyFilter is null
                    || options.ExtendedPropertyFilter.Contains(p["id"]?.GetValue<string>() ?? string.Empty, StringComparer.OrdinalIgnoreCase))
                .Select(p => p.DeepClone());
            result["singleValueExtendedProperties"] = new JsonArray([.. selected]);
        }

        if (options.ExpandLinkedResources && item.Data["linkedResources"] is JsonArray links)
        {
            result["linkedResources"] = links.DeepClone();
        }

        return result;
    }
}
