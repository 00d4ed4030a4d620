namespace EventAgents.Domain.Documents;

/// <summary>Why a document change does not go ahead.</summary>
public enum DocumentRefusal
{
    None,

    /// <summary>A create of a document that exists.</summary>
    Exists,

    /// <summary>A patch or delete of a document that does not exist (or was deleted).</summary>
    NotFound,
}
