namespace ProadSync.Core.Text.Templates;

/// <summary>A description template is broken: it does not parse, or it fails when it runs.</summary>
public sealed class DescriptionTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DescriptionTemplateException()
        : this("The description template is broken.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public DescriptionTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DescriptionTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a place in a template file.</summary>
    /// <param name="problem">Where and what.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DescriptionTemplateException(TemplateProblem problem, Exception? innerException = null)
        : base(problem?.ToString(), innerException)
    {
        Problem = problem;
    }

    /// <summary>The file, line, column and message, when known.</summary>
    public TemplateProblem? Problem { get; }
}
