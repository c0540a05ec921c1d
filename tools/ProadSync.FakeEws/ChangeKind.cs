namespace ProadSync.FakeEws;

/// <summary>What a change-log entry records.</summary>
internal enum ChangeKind
{
    Create = 0,
    Update = 1,
    Delete = 2,
}
