using System.Reflection;
using EventAgents.Domain.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.Architecture.Tests;

/// <summary>Every endpoint says who may call it: a scope policy, or explicitly anonymous.</summary>
public sealed class AuthorizationCoverageTests
{
    [Test]
    public void Every_action_declares_a_scope_policy_or_allows_anonymous()
    {
        var actions = Layers.WebApi.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Controller: c, Action: m)))
            .ToList();

        Assert.That(actions, Is.Not.Empty);
        var undeclared = actions.Where(a =>
        {
            var attributes = a.Controller.GetCustomAttributes(true).Concat(a.Action.GetCustomAttributes(true)).ToList();
            var anonymous = attributes.OfType<AllowAnonymousAttribute>().Any();
            var policies = attributes.OfType<AuthorizeAttribute>().Select(x => x.Policy).ToList();
            return !anonymous && (policies.Count == 0 || policies.Any(p => p is null || !Scopes.IsKnown(p)));
        }).Select(a => $"{a.Controller.Name}.{a.Action.Name}").ToList();

        Assert.That(undeclared, Is.Empty);
    }
}
