namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Admission for one class of work: a concurrency limit (adaptive or fixed), a fair queue for the requests beyond it, and the
/// overload detector that decides when waiting turns into shedding.
/// <list type="bullet">
/// <item>Fairness: each partition (a tenant, or an anonymous caller's address) has its own FIFO queue; free slots go to the
/// waiting partitions in turn, so one busy tenant cannot push the others to the back. When a request has to be shed to make
/// room, it is taken from the partition with the longest queue.</item>
/// <item>Overload: a queue formed by a bounded number of callers (each waits for its answer before it sends again) is served
/// however long it is, since turning those callers away only makes them send again at once. The lane counts as overloaded
/// only when the queue runs away: more than <see cref="AdmissionLaneSettings.QueueLimit"/> requests wait, or one has waited
/// <see cref="AdmissionLaneSettings.MaxQueueWait"/>. While overloaded (until a whole hold period passes without shedding),
/// an arrival is queued only if it can be served within
/// <see cref="AdmissionLaneSettings.OverloadedQueueWait"/> and is shed at once otherwise, and waiting requests older than that
/// are shed: accepted requests keep a short wait and rejects are fast. The same applies while another class of work is
/// overloaded (<see cref="OverloadSignal"/>): the instance as a whole is at capacity then.</item>
/// </list>
/// Pure apart from its lock: the caller passes the time (a monotonic clock), and nothing is completed under the lock.
/// </summary>
internal sealed class AdmissionLane
{
    private const double RateSmoothing = 0.2;

    private readonly Lock _gate = new();
    private readonly AdmissionLaneSettings _settings;
    private readonly GradientConcurrencyLimit? _adaptive;
    private readonly OverloadSignal? _instance;
    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly Queue<Partition> _rotation = new();
    private readonly LinkedList<Waiter> _arrivals = new();
    private int _limit;
    private int _inFlight;
    private TimeSpan _busySince;
    private TimeSpan _lastDeparture;
    private TimeSpan _windowStart;
    private int _windowCount;
    private TimeSpan _windowLatency;
    private int _windowMaxInFlight;
    private double _departureRate;
    private bool _rateMeasured;
    private TimeSpan? _overloadedUntil;
    private long _admitted;
    private long _rejected;

    public AdmissionLane(string name, AdmissionLaneSettings settings, GradientConcurrencyLimit? adaptive, OverloadSignal? instance = null)
    {
        Name = name;
        _settings = settings;
        _adaptive = adaptive;
        _instance = instance;
        _limit = adaptive?.Limit ?? Math.Max(1, settings.FixedLimit);
    }

    public string Name { get; }

    /// <summary>Requests finished per second (smoothed over recent busy windows); read without the lock.</summary>
    public double DepartureRate => Volatile.Read(ref _departureRate);

    /// <summary>
    /// What the lane can serve per second at its limit and target latency (Little's law), or at least what it did serve: an
    /// estimate that does not shrink just because little was let in.
    /// </summary>
    public double CapacityPerSecond =>
        Math.Max(DepartureRate, Volatile.Read(ref _limit) / Math.Max((_adaptive?.TargetLatency ?? _settings.OverloadedQueueWait).TotalSeconds, 1e-3));

    /// <summary>Raised (outside the lock) with the old and the new limit when the limit changes.</summary>
    public event Action<AdmissionLane, int, int>? LimitChanged;

    /// <summary>Raised (outside the lock) when the lane starts (true) or stops (false) counting as overloaded.</summary>
    public event Action<AdmissionLane, bool>? OverloadChanged;

    /// <summary>Asks for a slot for a request of <paramref name="partition"/>.</summary>
    public Entry TryEnter(string partition, TimeSpan now)
    {
        Waiter? displaced = null;
        var overloadStarted = false;
        Entry entry;
        lock (_gate)
        {
            var owner = PartitionFor(partition);
            if (_inFlight < _limit && _arrivals.Count == 0)
            {
                StartLocked(owner, now);
                _admitted++;
                return Entry.Admitted;
            }

            if (_settings.QueueLimit == 0)
            {
                return RejectLocked(owner, now);
            }

            if (!IsOwnOverloadLocked(now) && ShouldDeclareOverloadLocked(now, queuedAfter: _arrivals.Count + 1))
            {
                overloadStarted = DeclareOverloadLocked(now);
            }

            if (!IsOverloadedLocked(now) || _arrivals.Count + 1 <= ServableWithinLocked(_settings.OverloadedQueueWait))
            {
                entry = new Entry(EntryOutcome.Queued, EnqueueLocked(owner, now));
            }
            else if (FattestLocked() is { } fattest && fattest != owner && fattest.Waiting.Count > owner.Waiting.Count + 1)
            {
                // The arrival's partition is below its share of the queue: the longest queue gives up its newest request.
                displaced = RemoveLocked(fattest.Waiting.Last!.Value);
                CountShedLocked(now);
                entry = new Entry(EntryOutcome.Queued, EnqueueLocked(owner, now));
            }
            else
            {
                entry = RejectLocked(owner, now);
            }
        }

        displaced?.Complete(admitted: false);
        if (overloadStarted)
        {
            OverloadChanged?.Invoke(this, true);
        }

        return entry;
    }

    /// <summary>A request that held a slot since <paramref name="startedAt"/> has finished.</summary>
    public void Leave(string partition, TimeSpan startedAt, TimeSpan now) => Free(partition, now, now - startedAt);

    /// <summary>A slot given to a request that was not served after all (its caller left at that moment).</summary>
    public void Release(string partition, TimeSpan now) => Free(partition, now, latency: null);

    private void Free(string partition, TimeSpan now, TimeSpan? latency)
    {
        List<Waiter>? admitted = null;
        List<Waiter>? shed = null;
        (int Old, int New)? change = null;
        lock (_gate)
        {
            _inFlight--;
            if (_partitions.TryGetValue(partition, out var owner))
            {
                owner.InFlight--;
                ForgetIfIdleLocked(owner);
            }

            if (latency is { } served)
            {
                _lastDeparture = now;
                _windowCount++;
                _windowLatency += served;
                if (now - _windowStart >= _settings.Window)
                {
                    change = CloseWindowLocked(now);
                }
            }

            ShedOverstayedLocked(now, ref shed);
            AdmitWaitingLocked(now, ref admitted);
        }

        Complete(shed, admitted: false);
        Complete(admitted, admitted: true);
        RaiseLimitChanged(change);
    }

    /// <summary>A waiting request's caller went away: it leaves the queue.</summary>
    public void Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.ArrivalNode is null)
            {
                return;
            }

            RemoveLocked(waiter);
        }

        waiter.Complete(admitted: false);
    }

    /// <summary>
    /// Housekeeping, called about once a window: closes a window in which nothing finished (a stalled dependency must shrink
    /// the limit even though no request completes), judges overload, and sheds waiting requests that overstayed.
    /// </summary>
    public void Tick(TimeSpan now)
    {
        List<Waiter>? admitted = null;
        List<Waiter>? shed = null;
        (int Old, int New)? change = null;
        bool? overload = null;
        lock (_gate)
        {
            if (now - _windowStart >= _settings.Window)
            {
                change = CloseWindowLocked(now);
            }

            if (!IsOwnOverloadLocked(now))
            {
                if (ShouldDeclareOverloadLocked(now, _arrivals.Count))
                {
                    overload = DeclareOverloadLocked(now) ? true : null;
                }
                else if (_overloadedUntil is not null)
                {
                    _overloadedUntil = null;
                    overload = false;
                }
            }

            ShedOverstayedLocked(now, ref shed);
            AdmitWaitingLocked(now, ref admitted);
        }

        Complete(shed, admitted: false);
        Complete(admitted, admitted: true);
        RaiseLimitChanged(change);
        if (overload is { } started)
        {
            OverloadChanged?.Invoke(this, started);
        }
    }

    public LaneSnapshot Snapshot(TimeSpan now)
    {
        lock (_gate)
        {
            return new LaneSnapshot(
                _limit, _inFlight, _arrivals.Count, IsOverloadedLocked(now), _adaptive?.NoLoadLatency ?? TimeSpan.Zero,
                _adaptive?.TargetLatency ?? TimeSpan.Zero, _departureRate, _admitted, _rejected);
        }
    }

    private static void Complete(List<Waiter>? waiters, bool admitted)
    {
        if (waiters is null)
        {
            return;
        }

        foreach (var waiter in waiters)
        {
            waiter.Complete(admitted);
        }
    }

    private void RaiseLimitChanged((int Old, int New)? change)
    {
        if (change is { } limits)
        {
            LimitChanged?.Invoke(this, limits.Old, limits.New);
        }
    }

    private Partition PartitionFor(string key)
    {
        if (!_partitions.TryGetValue(key, out var partition))
        {
            partition = new Partition(key);
            _partitions[key] = partition;
        }

        return partition;
    }

    private Entry RejectLocked(Partition owner, TimeSpan now)
    {
        CountShedLocked(now);
        ForgetIfIdleLocked(owner);
        return Entry.Rejected;
    }

    private Waiter EnqueueLocked(Partition owner, TimeSpan now)
    {
        var waiter = new Waiter(this, owner, now);
        waiter.ArrivalNode = _arrivals.AddLast(waiter);
        waiter.PartitionNode = owner.Waiting.AddLast(waiter);
        if (!owner.InRotation)
        {
            owner.InRotation = true;
            _rotation.Enqueue(owner);
        }

        return waiter;
    }

    private void StartLocked(Partition owner, TimeSpan now)
    {
        if (_inFlight == 0)
        {
            _busySince = now;
        }

        _inFlight++;
        owner.InFlight++;
        _windowMaxInFlight = Math.Max(_windowMaxInFlight, _inFlight);
    }

    /// <summary>While overloaded, requests that waited longer than the overloaded wait are shed rather than served late.</summary>
    private void ShedOverstayedLocked(TimeSpan now, ref List<Waiter>? shed)
    {
        if (!IsOverloadedLocked(now))
        {
            return;
        }

        while (_arrivals.First is { } oldest && now - oldest.Value.EnqueuedAt > _settings.OverloadedQueueWait)
        {
            (shed ??= []).Add(RemoveLocked(oldest.Value));
            CountShedLocked(now);
        }
    }

    private void AdmitWaitingLocked(TimeSpan now, ref List<Waiter>? admitted)
    {
        while (_inFlight < _limit && NextInTurnLocked() is { } waiter)
        {
            RemoveLocked(waiter);
            StartLocked(waiter.Owner, now);
            _admitted++;
            (admitted ??= []).Add(waiter);
        }
    }

    /// <summary>The oldest request of the next partition in the rotation; the partition goes to the back if more of it wait.</summary>
    private Waiter? NextInTurnLocked()
    {
        while (_rotation.TryDequeue(out var partition))
        {
            if (partition.Waiting.First is { } first)
            {
                if (partition.Waiting.Count > 1)
                {
                    _rotation.Enqueue(partition);
                }
                else
                {
                    partition.InRotation = false;
                }

                return first.Value;
            }

            partition.InRotation = false;
            ForgetIfIdleLocked(partition);
        }

        return null;
    }

    private Waiter RemoveLocked(Waiter waiter)
    {
        _arrivals.Remove(waiter.ArrivalNode!);
        waiter.Owner.Waiting.Remove(waiter.PartitionNode!);
        waiter.ArrivalNode = null;
        waiter.PartitionNode = null;
        ForgetIfIdleLocked(waiter.Owner);
        return waiter;
    }

    private void ForgetIfIdleLocked(Partition partition)
    {
        if (partition.InFlight == 0 && partition.Waiting.Count == 0 && !partition.InRotation)
        {
            _partitions.Remove(partition.Key);
        }
    }

    private Partition? FattestLocked()
    {
        Partition? fattest = null;
        foreach (var partition in _rotation)
        {
            if (fattest is null || partition.Waiting.Count > fattest.Waiting.Count)
            {
                fattest = partition;
            }
        }

        return fattest;
    }

    /// <summary>Overloaded itself, or while another class of work is.</summary>
    private bool IsOverloadedLocked(TimeSpan now) => IsOwnOverloadLocked(now) || _instance?.IsActive(now) == true;

    private bool IsOwnOverloadLocked(TimeSpan now) => now < _overloadedUntil;

    /// <summary>An overload lasts until a whole hold period has passed without this lane shedding anything.</summary>
    private void CountShedLocked(TimeSpan now)
    {
        _rejected++;
        if (IsOwnOverloadLocked(now))
        {
            ExtendOverloadLocked(now);
        }
    }

    private void ExtendOverloadLocked(TimeSpan now)
    {
        _overloadedUntil = now + _settings.OverloadHold;
        _instance?.Extend(_overloadedUntil.Value);
    }

    /// <summary>Starts (or extends) an overload period; true when the lane was not overloaded before.</summary>
    private bool DeclareOverloadLocked(TimeSpan now)
    {
        var started = _overloadedUntil is null;
        ExtendOverloadLocked(now);
        return started;
    }

    /// <summary>
    /// A runaway queue: more waiting than the queue limit, or a request that has waited the longest allowed wait. (A queue's
    /// projected drain time is not used: it depends on the limit, which shrinks exactly when latency is high, and would turn
    /// every slow moment into shedding.)
    /// </summary>
    private bool ShouldDeclareOverloadLocked(TimeSpan now, int queuedAfter) =>
        queuedAfter > _settings.QueueLimit
        || (_settings.MaxQueueWait > TimeSpan.Zero && _arrivals.First is { } oldest && now - oldest.Value.EnqueuedAt >= _settings.MaxQueueWait);

    /// <summary>How many waiting requests the measured departure rate serves within <paramref name="wait"/>.</summary>
    private double ServableWithinLocked(TimeSpan wait) => _departureRate * wait.TotalSeconds;

    private (int Old, int New)? CloseWindowLocked(TimeSpan now)
    {
        // An idle window says nothing about how fast the lane can serve: only busy windows move the departure rate.
        if (_windowCount > 0 || _inFlight > 0)
        {
            var rate = _windowCount / Math.Max((now - _windowStart).TotalSeconds, 1e-3);
            Volatile.Write(ref _departureRate, _rateMeasured ? (RateSmoothing * rate) + ((1 - RateSmoothing) * _departureRate) : rate);
            _rateMeasured = true;
        }

        (int, int)? change = null;
        // Nothing finished while requests were in progress: they have been stuck at least since the last departure.
        TimeSpan? latency = _windowCount > 0 ? _windowLatency / _windowCount
            : _inFlight > 0 ? now - (_lastDeparture > _busySince ? _lastDeparture : _busySince)
            : null;
        if (_adaptive is not null && latency is { } observed)
        {
            var old = _limit;
            _limit = _adaptive.Update(observed, Math.Max(_windowMaxInFlight, _inFlight), now);
            if (_limit != old)
            {
                change = (old, _limit);
            }
        }

        _windowStart = now;
        _windowCount = 0;
        _windowLatency = TimeSpan.Zero;
        _windowMaxInFlight = _inFlight;
        return change;
    }

    internal sealed class Partition(string key)
    {
        public string Key { get; } = key;

        public int InFlight { get; set; }

        public LinkedList<Waiter> Waiting { get; } = new();

        public bool InRotation { get; set; }
    }

    /// <summary>A request waiting for a slot: <see cref="Task"/> is true once it holds one, false when it was shed.</summary>
    internal sealed class Waiter(AdmissionLane lane, Partition owner, TimeSpan enqueuedAt)
    {
        private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AdmissionLane Lane { get; } = lane;

        public Partition Owner { get; } = owner;

        public TimeSpan EnqueuedAt { get; } = enqueuedAt;

        public Task<bool> Task => _completion.Task;

        public LinkedListNode<Waiter>? ArrivalNode { get; set; }

        public LinkedListNode<Waiter>? PartitionNode { get; set; }

        public void Complete(bool admitted) => _completion.TrySetResult(admitted);
    }
}
