namespace ProadSync.Storage.Sqlite.Schema;

/// <summary>One step of a schema: the version it leads to and the SQL that gets there.</summary>
/// <param name="Version">The version after the step (1, 2, 3, … without gaps).</param>
/// <param name="Description">What the step does, kept in <c>schema_version</c>.</param>
/// <param name="Sql">The statements; they run inside the migration's transaction.</param>
internal sealed record Migration(int Version, string Description, string Sql);
