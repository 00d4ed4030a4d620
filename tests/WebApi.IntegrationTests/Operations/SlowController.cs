using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace EventAgents.WebApi.IntegrationTests.Operations;

/// <summary>Only mounted by the admission tests: requests (a read and a write) that hold their slot until the test lets go.</summary>
[ApiController]
[Route("test/slow")]
public sealed class SlowController : ControllerBase
{
    private static int _entered;

    public static TaskCompletionSource Release { get; private set; } = New();

    public static void Reset()
    {
        Release.TrySetResult();
        Release = New();
        Interlocked.Exchange(ref _entered, 0);
    }

    /// <summary>A host with this controller mounted and one slot per class of work (reads, writes), beyond which it sheds at once.</summary>
    public static ApiFactory OneSlotHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Reset();
        var oneSlot = new Dictionary<string, string?> { ["Overload:MaxConcurrentRequests"] = "1", ["Overload:QueueLimit"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            oneSlot[key] = value;
        }

        return new ApiFactory(settings: oneSlot, services: services => services.AddControllers().AddApplicationPart(typeof(SlowController).Assembly));
    }

    /// <summary>Waits until <paramref name="count"/> requests are inside the controller, holding their slots.</summary>
    public static async Task WaitForEntriesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref _entered) < count)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"only {_entered} of {count} slow requests got in");
            await Task.Delay(10);
        }
    }

    [HttpGet(Name = "TestSlowRead")]
    public Task<IActionResult> Read() => HoldAsync();

    [HttpPost(Name = "TestSlowWrite")]
    public Task<IActionResult> Write() => HoldAsync();

    private static async Task<IActionResult> HoldAsync()
    {
        Interlocked.Increment(ref _entered);
        await Release.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return new OkResult();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
