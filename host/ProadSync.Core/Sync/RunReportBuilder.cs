using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>Collects a run's results from parallel workers.</summary>
internal sealed class RunReportBuilder
{
    private readonly Lock _gate = new();
    private readonly List<SkippedItem> _skipped = [];
    private readonly List<FailedItem> _failed = [];
    private readonly List<PlanEntry> _plan = [];
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public FatalErrorKind Fatal { get; set; }

    public string? FatalMessage { get; set; }

    public bool Breaker { get; set; }

    public string? BreakerMessage { get; set; }

    public bool FastPath { get; set; }

    public void Count(string name, int by = 1)
    {
        lock (_gate)
        {
            _counts[name] = _counts.GetValueOrDefault(name) + by;
        }
    }

    public void Skip(LinkKind kind, long? leadingId, string? externalId, string reason)
    {
        lock (_gate)
        {
            _skipped.Add(new SkippedItem(kind, leadingId, externalId, reason));
        }
    }

    public void Fail(LinkKind kind, long? leadingId, string? externalId, string message)
    {
        lock (_gate)
        {
            _failed.Add(new FailedItem(kind, leadingId, externalId, message));
        }
    }

    public void Plan(PlanEntry entry)
    {
        lock (_gate)
        {
            _plan.Add(entry);
        }
    }

    public void Warn(string warning)
    {
        lock (_gate)
        {
            _warnings.Add(warning);
        }
    }

    public int FailureCount
    {
        get
        {
            lock (_gate)
            {
                return _failed.Count;
            }
        }
    }

    public RunReport Build(long accountId, SyncMode mode, DateTimeOffset started, DateTimeOffset finished, bool dryRun)
    {
        lock (_gate)
        {
            int Get(string name) => _counts.GetValueOrDefault(name);
            return new RunReport
            {
                AccountId = accountId,
                Mode = mode,
                StartedAt = started,
                FinishedAt = finished,
                DryRun = dryRun,
                CreatedOut = Get(Counters.CreatedOut),
                UpdatedOut = Get(Counters.UpdatedOut),
                DeletedOut = Get(Counters.DeletedOut),
                UpdatedIn = Get(Counters.UpdatedIn),
                ImportedIn = Get(Counters.ImportedIn),
                MarkedDeletedIn = Get(Counters.MarkedDeletedIn),
                LinksDeactivated = Get(Counters.LinksDeactivated),
                LinksDropped = Get(Counters.LinksDropped),
                Journaled = Get(Counters.Journaled),
                ContactsCreated = Get(Counters.ContactsCreated),
                ContactsUpdated = Get(Counters.ContactsUpdated),
                ContactsSkipped = Get(Counters.ContactsSkipped),
                Skipped = [.. _skipped],
                Failed = [.. _failed],
                Plan = [.. _plan],
                Warnings = [.. _warnings],
                FatalError = Fatal,
                FatalMessage = FatalMessage,
                StoppedByCircuitBreaker = Breaker,
                CircuitBreakerMessage = BreakerMessage,
                NoChangeFastPath = FastPath,
            };
        }
    }

    internal static class Counters
    {
        public const string CreatedOut = nameof(CreatedOut);
        public const string UpdatedOut = nameof(UpdatedOut);
        public const string DeletedOut = nameof(DeletedOut);
        public const string UpdatedIn = nameof(UpdatedIn);
        public const string ImportedIn = nameof(ImportedIn);
        public const string MarkedDeletedIn = nameof(MarkedDeletedIn);
        public const string LinksDeactivated = nameof(LinksDeactivated);
        public const string LinksDropped = nameof(LinksDropped);
        public const string Journaled = nameof(Journaled);
        public const string ContactsCreated = nameof(ContactsCreated);
        public const string ContactsUpdated = nameof(ContactsUpdated);
        public const string ContactsSkipped = nameof(ContactsSkipped);
    }
}
