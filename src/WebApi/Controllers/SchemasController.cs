using EventAgents.Application.Schemas;
using EventAgents.Application.Schemas.Commands.ConfigureSchemaSubject;
using EventAgents.Application.Schemas.Commands.DeleteSchemaSubject;
using EventAgents.Application.Schemas.Commands.RegisterSchemaVersion;
using EventAgents.Application.Schemas.Queries.CheckSchemaCompatibility;
using EventAgents.Application.Schemas.Queries.GetSchemaSubject;
using EventAgents.Application.Schemas.Queries.GetSchemaVersion;
using EventAgents.Application.Schemas.Queries.ListSchemaSubjects;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Contracts.Schemas;
using EventAgents.WebApi.Infrastructure.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Controllers;

/// <summary>
/// The tenant's schema registry: JSON Schemas (draft 2020-12) for event types (<c>events/{eventType}</c>) and document
/// collections (<c>collections/{collection}</c>), with numbered immutable versions, a compatibility mode checked before a
/// version is accepted, and an enforcement mode for writes. Every change is an event in <c>schema:{kind}:{name}</c>.
/// </summary>
[ApiController]
[Route("api/v1/schemas")]
[Tags("Schemas")]
public sealed class SchemasController(ISender sender) : ControllerBase
{
    /// <summary>Lists the tenant's schema subjects, event types first.</summary>
    [HttpGet(Name = "ListSchemaSubjects")]
    [Authorize(Policy = Scopes.SchemasRead)]
    [ProducesResponseType<SchemaSubjectsResult>(StatusCodes.Status200OK, "application/json")]
    public async Task<ActionResult<SchemaSubjectsResult>> List(CancellationToken cancellationToken) =>
        await sender.Send(new ListSchemaSubjectsQuery(), cancellationToken);

    /// <summary>Gets a subject: its modes and version numbers.</summary>
    /// <param name="kind"><c>events</c> or <c>collections</c>.</param>
    /// <param name="name">The event type or the collection.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{kind}/{name}", Name = "GetSchemaSubject")]
    [Authorize(Policy = Scopes.SchemasRead)]
    [ProducesResponseType<SchemaSubjectDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<SchemaSubjectDto>> Get(string kind, string name, CancellationToken cancellationToken) =>
        await sender.Send(new GetSchemaSubjectQuery(kind, name), cancellationToken);

    /// <summary>Creates a subject or changes its compatibility and enforcement modes.</summary>
    /// <remarks>201 when created, 200 when changed. A mode left out keeps its value; a new subject starts with
    /// <c>backward</c> and <c>enforce</c>. A changed compatibility mode applies to the next registration, not to versions already stored.</remarks>
    /// <param name="kind"><c>events</c> or <c>collections</c>.</param>
    /// <param name="name">The event type or the collection.</param>
    /// <param name="request">The modes.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpPut("{kind}/{name}", Name = "ConfigureSchemaSubject")]
    [Authorize(Policy = Scopes.SchemasWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<SchemaSubjectDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<SchemaSubjectDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<SchemaSubjectDto>> Configure(
        string kind, string name, ConfigureSchemaSubjectRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ConfigureSchemaSubjectCommand(kind, name, request.Compatibility, request.Enforcement), cancellationToken);
        return result.Created ? CreatedAtRoute("GetSchemaSubject", new { kind, name }, result.Subject) : Ok(result.Subject);
    }

    /// <summary>Deletes a subject: writes are no longer checked and its versions are no longer served.</summary>
    /// <remarks>Its history stays in its system stream. Registering under the name again starts afresh (default modes, nothing
    /// to be compatible with) and numbers on after the last version, so a number never means two schemas.</remarks>
    /// <param name="kind"><c>events</c> or <c>collections</c>.</param>
    /// <param name="name">The event type or the collection.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpDelete("{kind}/{name}", Name = "DeleteSchemaSubject")]
    [Authorize(Policy = Scopes.SchemasWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(string kind, string name, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteSchemaSubjectCommand(kind, name), cancellationToken);
        return NoContent();
    }

    /// <summary>Registers a schema as the subject's next version.</summary>
    /// <remarks>
    /// 201 with the new version; 200 with the existing one when the subject already has this exact schema (nothing stored). The
    /// candidate is checked against the subject's versions under its compatibility mode first: 409 lists every incompatibility.
    /// A subject that does not exist yet is created with <c>backward</c> and <c>enforce</c>. Versions are immutable.
    /// </remarks>
    /// <param name="kind"><c>events</c> or <c>collections</c>.</param>
    /// <param name="name">The event type or the collection.</param>
    /// <param name="request">The schema.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpPost("{kind}/{name}/versions", Name = "RegisterSchemaVersion")]
    [Authorize(Policy = Scopes.SchemasWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<SchemaVersionDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<SchemaVersionDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<SchemaVersionDto>> Register(string kind, string name, SchemaRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RegisterSchemaVersionCommand(kind, name, request.Schema), cancellationToken);
        return result.Created
            ? CreatedAtRoute("GetSchemaVersion", new { kind, name, version = result.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, result.Version)
            : Ok(result.Version);
    }

    /// <summary>Gets one version of a subject's schema.</summary>
    /// <param name="kind"><c>events</c> or <c>collections</c>.</param>
    /// <param name="name">The event type or the collection.</param>
    /// <param name="version">A version number, or <c>latest</c>.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{kind}/{name}/versions/{version}", Name = "GetSchemaVersion")]
    [Authorize(Policy = Scopes.SchemasRead)]
    [ProducesResponseType<SchemaVersionDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<SchemaVersionDto>> GetVersion(string kind, string name, string version, CancellationToken cancellationToken) =>
        await sender.Send(new GetSchemaVersionQuery(kind, name, version), cancellationToken);

    /// <summary>Checks whether a schema could be registered as the subject's next version, storing nothing.</summary>
    /// <remarks>Compares it with the versions the subject's compatibility mode names (the latest, or all for a <c>_transitive</c>
    /// mode) and lists every incompatibility; docs/schemas.md has the rules.</remarks>
    /// <param name="kind"><c>events</c> or <c>collections</c>.</param>
    /// <param name="name">The event type or the collection.</param>
    /// <param name="request">The candidate schema.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpPost("{kind}/{name}/compatibility", Name = "CheckSchemaCompatibility")]
    [Authorize(Policy = Scopes.SchemasRead)]
    [Consumes("application/json")]
    [ProducesResponseType<CompatibilityResultDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<CompatibilityResultDto>> CheckCompatibility(
        string kind, string name, SchemaRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new CheckSchemaCompatibilityQuery(kind, name, request.Schema), cancellationToken);
}
