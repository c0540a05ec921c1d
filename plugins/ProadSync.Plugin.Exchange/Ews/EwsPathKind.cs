namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>How a property is addressed in UpdateItem: FieldURI, IndexedFieldURI or ExtendedFieldURI.</summary>
internal enum EwsPathKind
{
    Field = 0,
    Indexed = 1,
    Extended = 2,
}
