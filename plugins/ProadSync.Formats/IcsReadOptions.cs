namespace ProadSync.Formats;

/// <summary>How <see cref="IcsReader"/> reads.</summary>
public sealed record IcsReadOptions
{
    /// <summary>The default size cap: 1 MiB of text.</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    /// <summary>The default options.</summary>
    public static IcsReadOptions Default { get; } = new();

    /// <summary>
    /// The IANA (or Windows) time zone floating times and all-day dates are read in, or <see langword="null"/> to read
    /// them as UTC.
    /// </summary>
    public string? DefaultTimeZoneId { get; init; }

    /// <summary>The longest text (in characters) that is parsed; longer input is refused without parsing.</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;
}
