namespace ProadSync.Abstractions.Errors;

/// <summary>The base of the failures a target reports; the host acts on the derived type.</summary>
public abstract class TargetException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence for a person.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected TargetException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
