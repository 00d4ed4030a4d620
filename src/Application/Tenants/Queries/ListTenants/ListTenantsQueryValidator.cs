using EventAgents.Application.Common.Paging;
using FluentValidation;

namespace EventAgents.Application.Tenants.Queries.ListTenants;

public sealed class ListTenantsQueryValidator : PagedQueryValidator<ListTenantsQuery>;
