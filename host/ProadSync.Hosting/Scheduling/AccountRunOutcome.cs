namespace ProadSync.Hosting.Scheduling;

/// <summary>What became of a request to run one account.</summary>
internal enum AccountRunOutcome
{
    Ran,
    Failed,
    Stopped,
    AlreadyRunning,
    NotDue,
}
