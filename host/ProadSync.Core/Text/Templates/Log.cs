using Microsoft.Extensions.Logging;

namespace ProadSync.Core.Text.Templates;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Description template failed, the built-in template is used instead: {Problem}")]
    public static partial void TemplateFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Description template not used, the built-in template is used instead: {Problem}")]
    public static partial void TemplateRejected(ILogger logger, string problem);
}
