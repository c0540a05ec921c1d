namespace ProadSync.Plugin.CalDav.Dav;

/// <summary>What a collection holds.</summary>
internal enum DavCollectionKind
{
    /// <summary>A CalDAV calendar (iCalendar objects).</summary>
    Calendar = 0,

    /// <summary>A CardDAV address book (vCards).</summary>
    AddressBook = 1,
}
