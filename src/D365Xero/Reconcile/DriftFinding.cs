using System.Text.Json.Serialization;

namespace D365Xero.Reconcile;

/// <summary>What a linked record's Xero side is, compared with what Dynamics would send today.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftKind>))]
public enum DriftKind
{
    /// <summary>Both sides hold the record; some fields differ (<see cref="DriftFinding.Fields"/>).</summary>
    Differs,

    /// <summary>Dynamics' row is active, its Xero contact archived (by someone in Xero).</summary>
    ArchivedInXero,

    /// <summary>The link names a Xero record Xero no longer returns (an item deleted in Xero).</summary>
    MissingInXero,

    /// <summary>The link's Dynamics row is gone, and the sync has not yet archived or deleted its Xero record.</summary>
    MissingInDynamics,

    /// <summary>Another Xero contact has the linked contact's name (compared cleaned, in any case): one of them is likely a duplicate.</summary>
    DuplicateName,
}

/// <summary>One field of a record that differs: its name as Xero spells it (<c>Name</c>, <c>Phones[DEFAULT].PhoneNumber</c>), the value Dynamics would send and the value Xero holds.</summary>
public sealed record FieldDifference(string Field, string? Dynamics, string? Xero);

/// <summary>Another Xero contact with the same name as a linked one.</summary>
/// <param name="Linked">Whether it is linked to a Dynamics row too (then two rows share a name in Xero).</param>
public sealed record XeroTwin(Guid ContactId, string? Name, string? Status, bool Linked);

/// <summary>One linked record whose two sides disagree.</summary>
/// <param name="Table">The Dynamics table (<c>account</c>, <c>contact</c> for an individual customer, <c>product</c>).</param>
/// <param name="Name">The record's name, Dynamics' when it has the row, else Xero's.</param>
public sealed record DriftFinding(
    string Table,
    Guid DynamicsId,
    string? XeroId,
    string? Name,
    DriftKind Kind,
    IReadOnlyList<FieldDifference> Fields,
    IReadOnlyList<XeroTwin>? Twins = null)
{
    /// <summary>Whether `reconcile --fix` resends Dynamics' version: every kind but a duplicate name, which a person settles in Xero (merge or archive one).</summary>
    public bool Fixable => Kind != DriftKind.DuplicateName;
}
