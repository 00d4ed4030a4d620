using System.Reflection;
using NetArchTest.Rules;

namespace EventAgents.Architecture.Tests;

/// <summary>Dependencies point inward: Domain ← Application ← Infrastructure ← WebApi.</summary>
public sealed class LayeringTests
{
    private const string DomainNs = "EventAgents.Domain";
    private const string ApplicationNs = "EventAgents.Application";
    private const string InfrastructureNs = "EventAgents.Infrastructure";
    private const string WebApiNs = "EventAgents.WebApi";

    [Test]
    public void Domain_references_no_other_project_and_no_package()
    {
        var references = Layers.Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references, Has.All.Matches<string>(name => name.StartsWith("System", StringComparison.Ordinal)),
            "Domain may only reference the base class library");
        AssertNoDependency(Layers.Domain, ApplicationNs, InfrastructureNs, WebApiNs);
    }

    [Test]
    public void Application_depends_on_neither_infrastructure_nor_web_nor_ef_core()
    {
        AssertNoReference(Layers.Application, "EventAgents.Infrastructure", "EventAgents.WebApi", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore");
        AssertNoDependency(Layers.Application, InfrastructureNs, WebApiNs, "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore");
    }

    [Test]
    public void Infrastructure_does_not_depend_on_the_web_layer()
    {
        AssertNoReference(Layers.Infrastructure, "EventAgents.WebApi");
        AssertNoDependency(Layers.Infrastructure, WebApiNs);
    }

    [Test]
    public void Controllers_use_the_mediator_not_the_database()
    {
        var result = Types.InAssembly(Layers.WebApi).That().ResideInNamespace($"{WebApiNs}.Controllers")
            .ShouldNot().HaveDependencyOnAny(InfrastructureNs, "Microsoft.EntityFrameworkCore", "Npgsql")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void The_web_layer_reads_no_database_errors_storage_errors_come_translated_from_infrastructure()
    {
        // Only the telemetry setup names Npgsql (to register its instrumentation); problems are made from the application
        // exceptions Infrastructure's IStorageErrors returns.
        var result = Types.InAssembly(Layers.WebApi).That().DoNotHaveName("TelemetrySetup")
            .ShouldNot().HaveDependencyOnAny("Npgsql", "Microsoft.EntityFrameworkCore")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void The_web_layer_uses_infrastructure_only_to_compose_the_application()
    {
        // Composition: Program and the *Setup classes that register Infrastructure's services and options. Everything else
        // in the web layer (middleware, controllers, principal, admission, streaming) works through Application's ports.
        var result = Types.InAssembly(Layers.WebApi)
            .That().DoNotHaveNameStartingWith("Program").And().DoNotHaveNameEndingWith("Setup")
            .And().DoNotHaveNameStartingWith("<")
            .ShouldNot().HaveDependencyOn(InfrastructureNs)
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Controllers_are_sealed_and_named_as_controllers()
    {
        var result = Types.InAssembly(Layers.WebApi).That().Inherit(typeof(Microsoft.AspNetCore.Mvc.ControllerBase))
            .Should().BeSealed().And().HaveNameEndingWith("Controller").And().ResideInNamespace($"{WebApiNs}.Controllers")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Handlers_are_sealed_so_the_generated_mediator_can_reach_them()
    {
        var handlers = Layers.Application.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name.Contains("Handler", StringComparison.Ordinal)))
            .ToList();

        Assert.That(handlers, Is.Not.Empty);
        Assert.That(handlers.Where(h => !h.IsSealed || !h.IsPublic).Select(h => h.FullName), Is.Empty);
        Assert.That(handlers.Where(h => !h.Name.EndsWith("Handler", StringComparison.Ordinal)).Select(h => h.FullName), Is.Empty);
    }

    [TestCase("EventAgents.Infrastructure.Webhooks.WebhookDeliveryWorker", "EventAgents.Domain.Webhooks.WebhookDeliveryPolicy")]
    [TestCase("EventAgents.Infrastructure.Agents.Execution.RunExecutor", "EventAgents.Domain.Agents.RunRetryPolicy")]
    [TestCase("EventAgents.Infrastructure.Agents.Runs.RunQueue", "EventAgents.Domain.Agents.RunRetryPolicy")]
    [TestCase("EventAgents.Infrastructure.Agents.Runs.RunQueue", "EventAgents.Domain.Agents.RunLifecycle")]
    [TestCase("EventAgents.Infrastructure.Agents.Runs.PostgresRunStore", "EventAgents.Domain.Agents.RunLifecycle")]
    [TestCase("EventAgents.Application.Documents.Commands.CreateDocument.CreateDocumentCommandHandler", "EventAgents.Domain.Documents.DocumentDecisions")]
    [TestCase("EventAgents.Application.Documents.Commands.ReplaceDocument.ReplaceDocumentCommandHandler", "EventAgents.Domain.Documents.DocumentDecisions")]
    [TestCase("EventAgents.Application.Documents.Commands.MergePatchDocument.MergePatchDocumentCommandHandler", "EventAgents.Domain.Documents.DocumentDecisions")]
    [TestCase("EventAgents.Application.Documents.Commands.DeleteDocument.DeleteDocumentCommandHandler", "EventAgents.Domain.Documents.DocumentDecisions")]
    [TestCase("EventAgents.Application.Documents.Queries.GetDocument.GetDocumentQueryHandler", "EventAgents.Domain.Documents.DocumentDecisions")]
    public void The_rules_of_runs_webhooks_and_documents_are_asked_of_the_domain(string user, string rules)
    {
        var type = Layers.Application.GetType(user) ?? Layers.Infrastructure.GetType(user);
        Assert.That(type, Is.Not.Null, $"{user} exists");
        Assert.That(Layers.Domain.GetType(rules), Is.Not.Null, $"{rules} lives in the Domain");

        var result = Types.InAssembly(type!.Assembly).That().ResideInNamespace(type.Namespace).And().HaveName(type.Name)
            .Should().HaveDependencyOn(rules)
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty, $"{user} must take its decisions from {rules}, not make them itself");
    }

    private static void AssertNoDependency(Assembly assembly, params string[] namespaces)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(namespaces).GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty, $"{assembly.GetName().Name} must not depend on {string.Join(", ", namespaces)}");
    }

    private static void AssertNoReference(Assembly assembly, params string[] prefixes)
    {
        var offending = assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        Assert.That(offending, Is.Empty, $"{assembly.GetName().Name} references {string.Join(", ", offending)}");
    }
}
