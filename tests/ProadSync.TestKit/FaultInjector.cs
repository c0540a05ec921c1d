namespace ProadSync.TestKit;

/// <summary>
/// Makes chosen calls of an in-memory target fail: the Nth call of an operation, every call, before the call takes
/// effect or after it (a lost response: the server did it, the caller never heard).
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly Dictionary<TargetOperation, int> _calls = [];

    /// <summary>Makes the <paramref name="nth"/> call (1 = the next one) of <paramref name="operation"/> from now on throw.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="nth">Which call, counted from now (1 = the next).</param>
    /// <param name="exception">Creates the exception to throw.</param>
    /// <param name="afterEffect">Throw after the call took effect (a lost response) instead of before.</param>
    public void FailNth(TargetOperation operation, int nth, Func<Exception> exception, bool afterEffect = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        lock (_gate)
        {
            _rules.Add(new Rule(operation, _calls.GetValueOrDefault(operation) + nth, exception, afterEffect, Always: false));
        }
    }

    /// <summary>Makes every call of <paramref name="operation"/> throw until <see cref="Clear"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="exception">Creates the exception to throw.</param>
    public void FailAlways(TargetOperation operation, Func<Exception> exception)
    {
        lock (_gate)
        {
            _rules.Add(new Rule(operation, 0, exception, AfterEffect: false, Always: true));
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> just before the <paramref name="nth"/> call of <paramref name="operation"/>
    /// (1 = the next one) — for example an edit "in another program" between the host's read and its write.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="nth">Which call, counted from now (1 = the next).</param>
    /// <param name="action">What happens first.</param>
    public void BeforeNth(TargetOperation operation, int nth, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        lock (_gate)
        {
            _rules.Add(new Rule(operation, _calls.GetValueOrDefault(operation) + nth, null, AfterEffect: false, Always: false) { Action = action });
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>How often an operation was called.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The number of calls.</returns>
    public int Calls(TargetOperation operation)
    {
        lock (_gate)
        {
            return _calls.GetValueOrDefault(operation);
        }
    }

    /// <summary>Counts a call and returns the fault to raise after the effect, if any; throws a fault due before it.</summary>
    /// <param name="operation">The operation being called.</param>
    /// <returns>An exception to throw after the effect, or <see langword="null"/>.</returns>
    internal Exception? Enter(TargetOperation operation)
    {
        Rule? rule;
        lock (_gate)
        {
            var call = _calls.GetValueOrDefault(operation) + 1;
            _calls[operation] = call;
            rule = _rules.FirstOrDefault(r => r.Operation == operation && (r.Always || r.Call == call));
            if (rule is null)
            {
                return null;
            }

            if (!rule.Always)
            {
                _rules.Remove(rule);
            }
        }

        if (rule.Action is { } action)
        {
            action();
            return null;
        }

        var exception = rule.Exception!();
        return rule.AfterEffect ? exception : throw exception;
    }

    private sealed record Rule(TargetOperation Operation, int Call, Func<Exception>? Exception, bool AfterEffect, bool Always)
    {
        public Action? Action { get; init; }
    }
}
