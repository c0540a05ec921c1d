namespace ProadSync.Core.Leading;

/// <summary>A change to the leading store was refused; the message says why in one sentence.</summary>
public sealed class LeadingValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public LeadingValidationException(string message)
        : base(message)
    {
    }
}
