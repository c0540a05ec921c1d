using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ProadSync.Storage.Sqlite;

/// <summary>Small helpers for commands, parameters and columns.</summary>
internal static class Db
{
    /// <summary>Creates a command, inside a transaction when one is given.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="transaction">The transaction, or <see langword="null"/>.</param>
    /// <param name="sql">The SQL (a constant).</param>
    /// <returns>The command.</returns>
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is composed of constants only; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    /// <summary>Adds a parameter; <see langword="null"/> becomes SQL NULL.</summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The name (with <c>$</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>The command.</returns>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value switch
        {
            null => DBNull.Value,
            bool b => b ? 1 : 0,
            DateTimeOffset t => FormatTime(t),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Enum e => e.ToString(),
            _ => value,
        });
        return command;
    }

    /// <summary>Runs a scalar query.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The value as a 64-bit integer, or <see langword="null"/>.</returns>
    public static long? ScalarLong(this SqliteCommand command)
    {
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a time as ISO-8601 with its offset.</summary>
    /// <param name="value">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset value) => value.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>Reads a nullable text column.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="column">The column.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public static string? Text(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    /// <summary>Reads a non-null text column.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="column">The column.</param>
    /// <returns>The text.</returns>
    public static string RequiredText(this SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    /// <summary>Reads an integer column.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="column">The column.</param>
    /// <returns>The value.</returns>
    public static long Long(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    /// <summary>Reads a 0/1 column.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="column">The column.</param>
    /// <returns>The value.</returns>
    public static bool Bool(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column)) != 0;

    /// <summary>Reads a nullable time column.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="column">The column.</param>
    /// <returns>The time, or <see langword="null"/>.</returns>
    public static DateTimeOffset? Time(this SqliteDataReader reader, string column)
    {
        var text = reader.Text(column);
        return text is null ? null : DateTimeOffset.ParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.None);
    }

    /// <summary>Reads a non-null time column.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="column">The column.</param>
    /// <returns>The time.</returns>
    public static DateTimeOffset RequiredTime(this SqliteDataReader reader, string column) =>
        reader.Time(column) ?? throw new InvalidDataException($"The column '{column}' is empty.");

    /// <summary>Reads an enum stored as its name.</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="column">The column.</param>
    /// <returns>The value.</returns>
    public static T Enum<T>(this SqliteDataReader reader, string column)
        where T : struct, Enum => System.Enum.Parse<T>(reader.RequiredText(column), ignoreCase: false);

    /// <summary>Whether an exception is a constraint violation.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> for SQLITE_CONSTRAINT.</returns>
    public static bool IsConstraint(this SqliteException exception) => exception.SqliteErrorCode == 19;
}
