namespace ProadSync.Plugin.CalDav.Probe;

/// <summary>What a multiget REPORT does with an href that does not exist.</summary>
public enum MultigetMissing
{
    /// <summary>Not probed.</summary>
    Unknown = 0,

    /// <summary>A 404 response for that href (RFC 4791; Radicale, Xandikos).</summary>
    NotFoundEntry = 1,

    /// <summary>The href is silently left out (DAViCal).</summary>
    Omitted = 2,

    /// <summary>The whole report fails (SabreDAV 1.8: 404): fall back to single GETs.</summary>
    WholeReportFails = 3,
}
