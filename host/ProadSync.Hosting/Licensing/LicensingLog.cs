using Microsoft.Extensions.Logging;

namespace ProadSync.Hosting.Licensing;

internal static partial class LicensingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Licence {LicenceId} for {Licensee} installed (databases {Databases}, interfaces {Interfaces}, valid until {Expires})")]
    public static partial void Installed(ILogger logger, string licenceId, string licensee, IReadOnlyList<string> databases, IReadOnlyList<string> interfaces, DateOnly expires);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "A key in the setting {Setting} is ignored: {Reason}")]
    public static partial void BadTrustedKey(ILogger logger, string setting, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The installed licence is not valid: {Problem}")]
    public static partial void InvalidLicence(ILogger logger, string problem);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Interface {Interface} of database {Database} switched {State}")]
    public static partial void Switched(ILogger logger, string database, string @interface, string state);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "The development licence is installed: it is for demos and tests, not for production")]
    public static partial void DevelopmentLicence(ILogger logger);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "The setting {Setting} is not valid JSON and is ignored")]
    public static partial void BadSetting(ILogger logger, string setting);
}
