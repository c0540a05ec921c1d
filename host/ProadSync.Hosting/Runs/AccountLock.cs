namespace ProadSync.Hosting.Runs;

/// <summary>
/// Makes sure one account never runs twice at once — across threads and across processes (a <c>sync run</c> while
/// <c>serve</c> is running): an exclusive lock file per account in the home folder (SPEC R-GEN-4).
/// </summary>
internal static class AccountLock
{
    public static IDisposable? TryAcquire(ProadSyncHome home, string database, long accountId)
    {
        var directory = Path.Combine(home.Root, "locks");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{database.ToLowerInvariant()}-{accountId}.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
