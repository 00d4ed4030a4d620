using EventAgents.Application.Common.Paging;
using EventAgents.Application.Documents.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Queries.ListDocuments;

public sealed class ListDocumentsQueryValidator : PagedQueryValidator<ListDocumentsQuery>
{
    public const int MaxFilters = 10;
    public const int MaxFieldLength = 128;

    public ListDocumentsQueryValidator()
        : base(maxCursorLength: 1024)
    {
        RuleFor(q => q.Collection).MustBeCollection();
        RuleFor(q => q.OrderBy).Must(o => o is "createdAt" or "updatedAt" or "id").WithMessage("Must be createdAt, updatedAt or id.");
        RuleFor(q => q.Order).Must(o => o is "asc" or "desc").WithMessage("Must be asc or desc.");
        RuleFor(q => q.Where).Must(w => w.Count <= MaxFilters).WithMessage($"At most {MaxFilters} where filters.")
            .Must(w => w.Keys.All(k => k.Length is > 0 and <= MaxFieldLength))
            .WithMessage($"A where field name is 1–{MaxFieldLength} characters.")
            .Must(w => w.Values.All(v => v.Length <= 1024 && !v.Contains('\0', StringComparison.Ordinal)))
            .WithMessage("A where value is at most 1024 characters.");
    }
}
