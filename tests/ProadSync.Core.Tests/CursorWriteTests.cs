using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;

namespace ProadSync.Core.Tests;

public sealed class CursorWriteTests
{
    [Test]
    [Description("Issue 4 (benchmark): a run that found nothing new leaves the stored cursors alone — no write transaction")]
    public async Task NoChangeRun_DoesNotWriteTheCursorsAgain()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay);
        await h.AddAppointmentAsync("one");
        await h.RunAsync();
        await h.RunAsync(); // reads back the cursor's record of the first run's own write
        var counting = CountingLeading.Wrap(h.Leading);
        var cursorsBefore = await h.Leading.GetStateAsync(h.Account.Id, "cursor:appointment", CancellationToken.None);

        var report = await h.Engine.RunAsync(new SyncRunRequest(counting, h.Account, h.Calendar, new DefaultFieldMapper()), CancellationToken.None);

        Assert.That(report.Changes, Is.Zero);
        Assert.That(CountingLeading.CursorWrites(counting), Is.Zero, "the unchanged cursors were not written");
        Assert.That(await h.Leading.GetStateAsync(h.Account.Id, "cursor:appointment", CancellationToken.None), Is.EqualTo(cursorsBefore));

        await h.AddAppointmentAsync("two");
        await h.Engine.RunAsync(new SyncRunRequest(counting, h.Account, h.Calendar, new DefaultFieldMapper()), CancellationToken.None);
        await h.Engine.RunAsync(new SyncRunRequest(counting, h.Account, h.Calendar, new DefaultFieldMapper()), CancellationToken.None);
        Assert.That(CountingLeading.CursorWrites(counting), Is.GreaterThan(0), "a cursor that moved (the calendar changed) is stored");
        Assert.That(await h.Leading.GetStateAsync(h.Account.Id, "cursor:appointment", CancellationToken.None), Is.Not.EqualTo(cursorsBefore));
    }

    /// <summary>Passes every call to the real store and counts the cursor writes.</summary>
    public class CountingLeading : DispatchProxy
    {
        private ILeadingSystem _inner = null!;
        private int _cursorWrites;

        public static ILeadingSystem Wrap(ILeadingSystem inner)
        {
            var proxy = Create<ILeadingSystem, CountingLeading>();
            ((CountingLeading)(object)proxy)._inner = inner;
            return proxy;
        }

        public static int CursorWrites(ILeadingSystem proxy) => ((CountingLeading)(object)proxy)._cursorWrites;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(ILeadingSystem.SetStateAsync) && args![1] is string key && key.StartsWith("cursor:", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _cursorWrites);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }
}
