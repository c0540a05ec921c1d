using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ProadSync.FakeEws;

/// <summary>
/// Everything the fake server holds: users, their mailboxes, and the faults tests inject. Thread-safe.
/// </summary>
public sealed class FakeEwsState
{
    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FakeMailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private int _busyCount;
    private int _busyBackOffMs;
    private ServerBusyShape _busyShape;
    private int _authFailures;
    private int _requestCount;
    private int _meetingMessages;

    /// <summary>Creates the state.</summary>
    /// <param name="time">The clock for item timestamps.</param>
    public FakeEwsState(TimeProvider time)
    {
        _time = time;
        SyncStateKey = RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>How many SOAP requests reached the server (including refused ones).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>
    /// How many meeting invitations or cancellations the server would have sent (calendar writes whose
    /// SendMeetingInvitations / SendMeetingInvitationsOrCancellations / SendMeetingCancellations was not SendToNone).
    /// </summary>
    public int MeetingMessagesSent => Volatile.Read(ref _meetingMessages);

    /// <summary>The SOAP bodies received, newest last (for tests that check what a client sent).</summary>
    public ConcurrentQueue<string> ReceivedRequests { get; } = new();

    internal byte[] SyncStateKey { get; private set; }

    internal int SyncStateEpoch { get; private set; }

    private readonly ConcurrentDictionary<string, string> _smtpAddresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _impersonators = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gives a user's mailbox an SMTP address, by which <c>ExchangeImpersonation</c> (<c>SmtpAddress</c>,
    /// <c>PrimarySmtpAddress</c> or <c>PrincipalName</c>) finds it. The user need not be able to log in (a mailbox
    /// a service account acts on). A user name that is itself an address (contains <c>@</c>) needs no call.
    /// </summary>
    /// <param name="user">The user name that owns the mailbox.</param>
    /// <param name="smtpAddress">The address.</param>
    public void AddSmtpAddress(string user, string smtpAddress) => _smtpAddresses[smtpAddress] = user;

    /// <summary>
    /// Gives a user the ApplicationImpersonation management role (organisation-wide scope): its requests may carry
    /// <c>ExchangeImpersonation</c> and then act on the named mailbox. Others get <c>ErrorImpersonateUserDenied</c>.
    /// </summary>
    /// <param name="user">The user name (the service account).</param>
    public void GrantImpersonation(string user) => _impersonators[user] = true;

    /// <summary>Takes the ApplicationImpersonation role away again.</summary>
    /// <param name="user">The user name.</param>
    public void RevokeImpersonation(string user) => _impersonators.TryRemove(user, out _);

    internal bool MayImpersonate(string user) => _impersonators.ContainsKey(user);

    /// <summary>The user whose mailbox has the address, or <see langword="null"/> when no mailbox has it.</summary>
    internal string? UserBySmtpAddress(string address)
    {
        if (_smtpAddresses.TryGetValue(address, out var user))
        {
            return user;
        }

        return address.Contains('@', StringComparison.Ordinal) && (_users.ContainsKey(address) || _mailboxes.ContainsKey(address)) ? address : null;
    }

    /// <summary>Adds (or changes) a user who may log in; the mailbox is created on first use.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    public void AddUser(string user, string password) => _users[user] = password;

    /// <summary>Returns a user's mailbox, creating it when needed.</summary>
    /// <param name="user">The user name.</param>
    /// <returns>The mailbox.</returns>
    public FakeMailbox Mailbox(string user) => _mailboxes.GetOrAdd(user, u => new FakeMailbox(u, _time));

    /// <summary>Makes the next <paramref name="count"/> requests fail with ErrorServerBusy.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="backOffMilliseconds">The BackOffMilliseconds value to send.</param>
    /// <param name="shape">As a SOAP fault or inside each response message.</param>
    public void InjectServerBusy(int count, int backOffMilliseconds, ServerBusyShape shape)
    {
        lock (_gate)
        {
            _busyCount = count;
            _busyBackOffMs = backOffMilliseconds;
            _busyShape = shape;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> requests fail with HTTP 401, whatever the credentials.</summary>
    /// <param name="count">How many requests.</param>
    public void InjectAuthFailures(int count) => Interlocked.Exchange(ref _authFailures, count);

    /// <summary>Makes every sync state handed out so far invalid (as when the server forgets them).</summary>
    public void InvalidateSyncStates()
    {
        lock (_gate)
        {
            SyncStateEpoch++;
        }
    }

    internal void CountRequest(string body)
    {
        Interlocked.Increment(ref _requestCount);
        ReceivedRequests.Enqueue(body);
        while (ReceivedRequests.Count > 200 && ReceivedRequests.TryDequeue(out _))
        {
        }
    }

    internal void CountMeetingMessage() => Interlocked.Increment(ref _meetingMessages);

    internal bool CheckPassword(string user, string password) =>
        _users.TryGetValue(user, out var expected) &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(password));

    internal bool TakeAuthFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _authFailures);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _authFailures, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    internal (int BackOffMs, ServerBusyShape Shape)? TakeServerBusy()
    {
        lock (_gate)
        {
            if (_busyCount <= 0)
            {
                return null;
            }

            _busyCount--;
            return (_busyBackOffMs, _busyShape);
        }
    }
}
