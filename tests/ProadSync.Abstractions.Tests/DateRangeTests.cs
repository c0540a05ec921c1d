using ProadSync.Abstractions.Models;

namespace ProadSync.Abstractions.Tests;

public class DateRangeTests
{
    [Test, Category("R-COND-1")]
    public void Range_touches_items_that_begin_or_end_inside()
    {
        var range = new DateRange(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.That(range.Touches(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero)), Is.True);
        Assert.That(range.Touches(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)), Is.False);
    }
}
