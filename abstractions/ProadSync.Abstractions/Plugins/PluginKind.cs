namespace ProadSync.Abstractions.Plugins;

/// <summary>What a plugin provides; a manifest lists one or more.</summary>
public enum PluginKind
{
    /// <summary>A calendar backend (<see cref="Targets.ICalendarTarget"/>).</summary>
    CalendarTarget = 0,

    /// <summary>A contact backend (<see cref="Targets.IContactTarget"/>).</summary>
    ContactTarget = 1,

    /// <summary>A field mapper (<see cref="Mapping.IFieldMapper"/>).</summary>
    FieldMapper = 2,
}
