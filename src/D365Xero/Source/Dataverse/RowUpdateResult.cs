namespace D365Xero.Source.Dataverse;

/// <summary>What became of one row of a bulk write-back.</summary>
public enum RowUpdateOutcome
{
    Updated,
    /// <summary>The row was deleted in Dynamics meanwhile; nothing to write, not an error.</summary>
    NotFound,
    /// <summary>Dataverse refused this row; <see cref="RowUpdateResult.Error"/> says why.</summary>
    Failed,
}

public sealed record RowUpdateResult(Guid Id, RowUpdateOutcome Outcome, string? Error = null);
