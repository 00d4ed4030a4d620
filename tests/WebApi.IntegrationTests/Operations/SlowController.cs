using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.IntegrationTests.Operations;

/// <summary>Only mounted by the overload test: a request that holds its slot until the test lets it go.</summary>
[ApiController]
[Route("test/slow")]
public sealed class SlowController : ControllerBase
{
    public static TaskCompletionSource Entered { get; private set; } = New();

    public static TaskCompletionSource Release { get; private set; } = New();

    public static void Reset() => (Entered, Release) = (New(), New());

    [HttpGet(Name = "TestSlow")]
    public async Task<IActionResult> Wait()
    {
        Entered.TrySetResult();
        await Release.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return Ok();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
