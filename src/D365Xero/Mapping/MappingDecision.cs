namespace D365Xero.Mapping;

/// <summary>What the caller does with a mapped row; the row's sync status follows from it.</summary>
public enum MappingDecision
{
    /// <summary>Send the payload (create or update). Row status: Synced once Xero confirms.</summary>
    Send,
    /// <summary>Delete the linked Xero record (items only: a retired product under <c>RetiredProducts = Delete</c>).</summary>
    Delete,
    /// <summary>Nothing goes to Xero, by rule; the reason goes on the row. Row status: Skipped.</summary>
    Skip,
    /// <summary>Nothing goes yet: a record it points at is not in Xero; retried once that is synced. Row status: Pending.</summary>
    Wait,
    /// <summary>Nothing goes: the row needs a person; the error goes on the row. Row status: Error.</summary>
    Fail,
}
