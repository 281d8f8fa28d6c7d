namespace D365Xero.Journal;

/// <summary>One Dynamics row that needs looking at: the journal's unit of pending work.</summary>
public readonly record struct WorkKey(string Table, Guid DynamicsId);
