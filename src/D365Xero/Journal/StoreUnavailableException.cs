namespace D365Xero.Journal;

/// <summary>
/// The store cannot be written (a read-only file, a full disk, a folder that is gone): one line naming it and
/// what to do. Nothing was lost: what the store held is still there, and Dynamics still has every change.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception inner) : InvalidOperationException(message, inner);
