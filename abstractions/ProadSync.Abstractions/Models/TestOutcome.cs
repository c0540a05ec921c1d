namespace ProadSync.Abstractions.Models;

/// <summary>The outcome of one step of a connection test.</summary>
public enum TestOutcome
{
    /// <summary>The step worked.</summary>
    Passed = 0,

    /// <summary>The step failed; later steps may be skipped.</summary>
    Failed = 1,

    /// <summary>The step did not run (an earlier one failed, or it does not apply).</summary>
    Skipped = 2,

    /// <summary>The step worked with a caveat worth reading.</summary>
    Warning = 3,
}
