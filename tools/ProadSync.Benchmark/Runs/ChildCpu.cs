using System.Runtime.InteropServices;

namespace ProadSync.Benchmark.Runs;

/// <summary>CPU time of ended child processes (getrusage RUSAGE_CHILDREN), for vdirsyncer's runs.</summary>
internal static partial class ChildCpu
{
    private const int RusageChildren = -1;

    /// <summary>User + system time of every child that ended and was waited for, in seconds.</summary>
    /// <returns>The seconds, or 0 where getrusage is not available.</returns>
    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var usage = default(Rusage);
        return GetRusage(RusageChildren, ref usage) != 0 ? 0
            : usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, ref Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
