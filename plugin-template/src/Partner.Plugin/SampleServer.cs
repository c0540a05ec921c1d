using System.Collections.Concurrent;
using System.Globalization;

namespace Partner.Plugin;

/// <summary>
/// A stand-in for the partner's server: one in-memory store per URL, so every target created for the same URL sees
/// the same items. Replace it with the calls to your server (HTTP, SOAP, files, …).
/// </summary>
/// <typeparam name="T">The stored content.</typeparam>
internal sealed class SampleServer<T>
    where T : class
{
    private static readonly ConcurrentDictionary<string, SampleServer<T>> Servers = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Identity, string Kind, T Content, string Version)> _items = new(StringComparer.Ordinal);
    private long _counter;

    public static SampleServer<T> For(string url) => Servers.GetOrAdd(url, _ => new SampleServer<T>());

    public List<(string Id, string Version)> List(string kind)
    {
        lock (_gate)
        {
            return [.. _items.Where(p => p.Value.Kind == kind).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Version))];
        }
    }

    public (string Version, T Content)? Get(string kind, string id)
    {
        lock (_gate)
        {
            return _items.TryGetValue(id, out var item) && item.Kind == kind ? (item.Version, item.Content) : null;
        }
    }

    /// <summary>Creates an item, or returns the one that already has the identity (adopted).</summary>
    public (string Id, string Version, bool Adopted) Create(string kind, string identity, T content)
    {
        lock (_gate)
        {
            foreach (var (id, item) in _items)
            {
                if (item.Kind == kind && item.Identity == identity)
                {
                    return (id, item.Version, true);
                }
            }

            var newId = string.Create(CultureInfo.InvariantCulture, $"{kind}-{++_counter}");
            var version = NewVersion();
            _items[newId] = (identity, kind, content, version);
            return (newId, version, false);
        }
    }

    /// <summary>Replaces an item if the version still matches: null = not found, false = version conflict.</summary>
    public (bool Found, string? Version) Update(string kind, string id, string expectedVersion, T content)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var item) || item.Kind != kind)
            {
                return (false, null);
            }

            if (item.Version != expectedVersion)
            {
                return (true, null);
            }

            var version = NewVersion();
            _items[id] = item with { Content = content, Version = version };
            return (true, version);
        }
    }

    /// <summary>Deletes an item if the version still matches: (found, deleted).</summary>
    public (bool Found, bool Deleted) Delete(string kind, string id, string expectedVersion)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var item) || item.Kind != kind)
            {
                return (false, false);
            }

            if (item.Version != expectedVersion)
            {
                return (true, false);
            }

            _items.Remove(id);
            return (true, true);
        }
    }

    private string NewVersion() => string.Create(CultureInfo.InvariantCulture, $"v{++_counter}");
}
