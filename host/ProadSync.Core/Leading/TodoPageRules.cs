namespace ProadSync.Core.Leading;

/// <summary>The checks every store applies to a <see cref="TodoPageQuery"/>.</summary>
public static class TodoPageRules
{
    /// <summary>Refuses a negative offset and a page size outside 1 to <see cref="TodoPageQuery.MaximumLimit"/>.</summary>
    /// <param name="query">The query.</param>
    /// <exception cref="LeadingValidationException">The offset or the page size is out of range.</exception>
    public static void Validate(TodoPageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Offset < 0)
        {
            throw new LeadingValidationException($"The offset of a page of to-dos cannot be negative ({query.Offset}).");
        }

        if (query.Limit is < 1 or > TodoPageQuery.MaximumLimit)
        {
            throw new LeadingValidationException($"A page of to-dos holds 1 to {TodoPageQuery.MaximumLimit} to-dos, not {query.Limit}.");
        }
    }
}
