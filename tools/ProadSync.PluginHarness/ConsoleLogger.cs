using Microsoft.Extensions.Logging;

namespace ProadSync.PluginHarness;

/// <summary>A small console logger: level, category and message on stderr.</summary>
internal sealed class ConsoleLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(categoryName, minimum);

    public void Dispose()
    {
    }

    private sealed class ConsoleLogger(string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"[{logLevel.ToString().ToUpperInvariant()[..4]}] {category}: {formatter(state, exception)}";
            Console.Error.WriteLine(exception is null ? line : line + Environment.NewLine + "  " + exception.GetType().Name + ": " + exception.Message);
        }
    }
}
