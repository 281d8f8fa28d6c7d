namespace D365Xero.Emulators.Dataverse;

/// <summary>Relationship delete behaviour (Dataverse CascadeConfiguration.Delete).</summary>
internal enum CascadeDelete
{
    /// <summary>Children are deleted with the parent (parental relationships).</summary>
    Cascade,
    /// <summary>The child's lookup is cleared.</summary>
    RemoveLink,
    /// <summary>The parent cannot be deleted while children point at it.</summary>
    Restrict,
}
