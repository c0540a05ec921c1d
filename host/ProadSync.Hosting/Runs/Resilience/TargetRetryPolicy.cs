using Polly;
using Polly.Retry;
using ProadSync.Abstractions.Errors;

namespace ProadSync.Hosting.Runs.Resilience;

/// <summary>
/// The retry pipeline every target call goes through: only <see cref="TransientTargetException"/> is retried, with
/// exponential back-off and jitter (or the server's <c>Retry-After</c>), bounded by <see cref="TargetRetryOptions"/>;
/// waits come from the <see cref="TimeProvider"/>, so tests advance a fake clock instead of sleeping.
/// </summary>
/// <remarks>
/// Retrying writes is safe by the target contract: a create adopts the item an earlier attempt made
/// (<c>CreateResult.Adopted</c>), and a guarded update or delete whose first attempt took effect answers with a
/// version conflict or "not found", which the engine resolves by re-reading.
/// </remarks>
internal sealed class TargetRetryPolicy
{
    private readonly ResiliencePipeline _pipeline;
    private readonly TargetRetryOptions _options;
    private readonly RetryStatistics _statistics;

    public TargetRetryPolicy(TargetRetryOptions options, TimeProvider time, RetryStatistics statistics, Func<double>? randomizer = null)
    {
        _options = options;
        _statistics = statistics;
        if (options.MaxRetries <= 0)
        {
            _pipeline = ResiliencePipeline.Empty;
            return;
        }

        var retry = new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransientTargetException>(ex => !TooLong(ex)),
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is TransientTargetException { RetryAfter: { } after } ? (TimeSpan?)(after < TimeSpan.Zero ? TimeSpan.Zero : after) : null),
            OnRetry = args =>
            {
                _statistics.Retry(args.Outcome.Exception is TransientTargetException { RetryAfter: not null });
                return ValueTask.CompletedTask;
            },
        };
        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }

        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(retry).Build();
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            var result = await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await call(token);
                },
                cancellationToken);
            if (attempts > 1)
            {
                _statistics.Recover();
            }

            return result;
        }
        catch (TransientTargetException ex) when (TooLong(ex))
        {
            _statistics.TooLong();
            throw;
        }
        catch (TransientTargetException) when (_options.MaxRetries > 0)
        {
            _statistics.Exhaust();
            throw;
        }
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ExecuteAsync(
            async token =>
            {
                await call(token);
                return true;
            },
            cancellationToken);

    private bool TooLong(TransientTargetException ex) => ex.RetryAfter is { } after && after > _options.MaxRetryAfter;
}
