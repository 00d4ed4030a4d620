namespace EventAgents.Application.Schemas;

/// <summary>A message about one subject, named as in its URL: <c>/schemas/{kind}/{name}</c>.</summary>
public interface ISubjectMessage
{
    string Kind { get; }

    string Name { get; }
}
