namespace D365Xero.Journal;

/// <summary>
/// The schema, one step per version. Steps are only ever appended: a store created by any earlier
/// version upgrades by running the steps it lacks, and never loses links or cursors.
/// Times are Unix milliseconds (portable between SQLite and PostgreSQL, and cheap to compare).
/// The SQL is shared; where the providers differ, a step asks the <see cref="StoreDialect"/>.
/// </summary>
public static class StoreMigrations
{
    /// <summary>The steps in the given provider's SQL; step <c>n</c> brings the schema to version <c>n + 1</c>.</summary>
    public static IReadOnlyList<string> Steps(StoreDialect dialect) => [.. StepsByDialect.Select(step => step(dialect))];

    private static readonly IReadOnlyList<Func<StoreDialect, string>> StepsByDialect =
    [
        // 1: journal, links, cursors, secrets.
        d => $"""
        CREATE TABLE journal (
            id {d.AutoIncrementKey},
            connection TEXT NOT NULL,
            table_name TEXT NOT NULL,
            dynamics_id TEXT NOT NULL,
            generation BIGINT NOT NULL,
            attempts INTEGER NOT NULL,
            available_at BIGINT NOT NULL,
            claimed_by TEXT NULL,
            claim_expires_at BIGINT NULL,
            enqueued_at BIGINT NOT NULL,
            UNIQUE (connection, table_name, dynamics_id));
        CREATE INDEX journal_ready ON journal (connection, table_name, available_at);
        CREATE TABLE links (
            connection TEXT NOT NULL,
            table_name TEXT NOT NULL,
            dynamics_id TEXT NOT NULL,
            xero_id TEXT NULL,
            xero_number TEXT NULL,
            payload_hash TEXT NULL,
            status INTEGER NOT NULL,
            last_error TEXT NULL,
            synced_at BIGINT NULL,
            failed_attempts INTEGER NOT NULL,
            detail TEXT NULL,
            PRIMARY KEY (connection, table_name, dynamics_id));
        CREATE INDEX links_xero ON links (connection, table_name, xero_id);
        CREATE INDEX links_status ON links (connection, status);
        CREATE TABLE cursors (
            connection TEXT NOT NULL,
            table_name TEXT NOT NULL,
            delta_link TEXT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (connection, table_name));
        CREATE TABLE secrets (
            connection TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (connection, name));
        """,
        // 2: leases (which instance works which connection, with its fencing token) and the instances alive.
        _ => """
        CREATE TABLE leases (
            connection TEXT NOT NULL PRIMARY KEY,
            holder TEXT NULL,
            fence BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            acquired_at BIGINT NOT NULL);
        CREATE TABLE instances (
            holder TEXT NOT NULL PRIMARY KEY,
            seen_at BIGINT NOT NULL);
        """,
    ];
}
