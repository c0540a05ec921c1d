namespace ProadSync.Benchmark.Runs;

/// <summary>The names of the measured phases.</summary>
internal static class Phases
{
    /// <summary>The first run: every appointment is created on the server.</summary>
    public const string Initial = "initial";

    /// <summary>ProadSync only: the run right after the initial push, which reads back the server's change record of our own writes.</summary>
    public const string Settle = "after-push";

    /// <summary>A run with nothing changed anywhere.</summary>
    public const string NoChange = "no-change";

    /// <summary>How often the no-change run is repeated (the median is reported).</summary>
    public const int NoChangeRepeats = 5;

    /// <summary>A run after 10 appointments changed.</summary>
    public const string Changed = "10-changed";
}
