namespace ProadSync.Core.Text.Templates;

/// <summary>The description templates of one database: the incoming converter, the outgoing renderer and why an override was not used.</summary>
/// <param name="Incoming">HTML → plain text for descriptions coming in (give it to the run as its description converter).</param>
/// <param name="Outgoing">The external description of a to-do (the default field mapper uses it).</param>
/// <param name="Problems">The override files that were rejected (the built-in template is used in their place); empty when all is well.</param>
public sealed record DescriptionTemplateSet(
    TemplateDescriptionConverter Incoming,
    OutgoingDescriptionTemplate Outgoing,
    IReadOnlyList<TemplateProblem> Problems);
