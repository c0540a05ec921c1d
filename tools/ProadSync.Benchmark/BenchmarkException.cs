namespace ProadSync.Benchmark;

/// <summary>A problem that ends the benchmark with a one-sentence message.</summary>
internal sealed class BenchmarkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BenchmarkException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public BenchmarkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public BenchmarkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
