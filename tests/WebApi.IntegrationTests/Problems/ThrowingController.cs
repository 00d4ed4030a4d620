using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.IntegrationTests.Problems;

/// <summary>Only mounted by the tests that need an unhandled exception; never part of the API.</summary>
[ApiController]
[Route("test/throw")]
public sealed class ThrowingController : ControllerBase
{
    public const string SecretMessage = "connection to db-secret-host failed: password=hunter2";

    [HttpGet(Name = "TestThrow")]
    public IActionResult Throw() => throw new InvalidOperationException(SecretMessage);
}
