using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ProadSync.FakeGraph.Store;

/// <summary>One collection of a mailbox (the calendar, one To Do list, the contacts folder).</summary>
internal sealed class ItemStore(Mailbox owner, string idPrefix)
{
    private readonly List<StoredItem> _items = [];
    private readonly List<Tombstone> _tombstones = [];

    public IReadOnlyList<StoredItem> Items => _items;

    public IReadOnlyList<Tombstone> Tombstones => _tombstones;

    public StoredItem? Find(string id) => _items.Find(i => i.HasId(id));

    public StoredItem Add(JsonObject data, string? transactionId)
    {
        var key = NewToken(24);
        var item = new StoredItem
        {
            ImmutableId = idPrefix + "AAkAL" + key,
            RestId = idPrefix + "AAMk" + key,
            Data = data,
            TransactionId = transactionId,
            HasChangeKey = idPrefix != "tk",
        };
        _items.Add(item);
        Touch(item);
        return item;
    }

    public void Touch(StoredItem item)
    {
        item.Seq = owner.NextSeq();
        item.ChangeKey = NewToken(12);
    }

    public void Remove(StoredItem item)
    {
        _items.Remove(item);
        _tombstones.Add(new Tombstone(item.ImmutableId, item.RestId, owner.NextSeq()));
    }

    /// <summary>Drops an item that was never valid (no tombstone).</summary>
    public void Discard(StoredItem item) => _items.Remove(item);

    internal static string NewToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
