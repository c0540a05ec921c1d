namespace ProadSync.Hosting.Accounts;

/// <summary>An account rule refused a change; the message is the sentence shown to the person.</summary>
public sealed class AccountRuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, and what to do.</param>
    public AccountRuleException(string message)
        : base(message)
    {
    }
}
