namespace D365Xero.Sync;

public enum PlannedAction
{
    Create,
    /// <summary>Linked to a record already in Xero instead of creating a duplicate.</summary>
    Match,
    Update,
    Unchanged,
    Archive,
    Skip,
    /// <summary>Would wait for a customer or product that has not reached Xero (it goes once they have).</summary>
    Wait,
    Fail,
    Nothing,
}
