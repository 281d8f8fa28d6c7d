using Npgsql;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>A schema of its own on the test PostgreSQL server (D365XERO_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class PostgresSchema : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name = $"outage_{Guid.NewGuid():N}";

    private PostgresSchema(string server) => _server = server;

    public NpgsqlConnectionStringBuilder Builder => new(_server) { SearchPath = _name, Pooling = true };

    /// <summary>The store's connection string.</summary>
    public string ConnectionString => Builder.ConnectionString;

    /// <summary>The same database through a relay on <paramref name="port"/> (a cut link, or a restart as its clients see it).</summary>
    public string Through(int port) => new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = port, Timeout = 3, CommandTimeout = 5 }.ConnectionString;

    public int Port => new NpgsqlConnectionStringBuilder(_server).Port;

    public static async Task<PostgresSchema> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("D365XERO_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("D365XERO_TEST_POSTGRES is not set: run `eval \"$(scripts/postgres.sh start)\"` first.");
        var schema = new PostgresSchema(server);
        await schema.ExecuteAsync($"CREATE SCHEMA {schema._name}");
        return schema;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_name} CASCADE");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = new NpgsqlConnection(_server);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
