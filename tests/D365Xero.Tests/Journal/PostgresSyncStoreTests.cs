using D365Xero.Journal;
using Npgsql;

namespace D365Xero.Tests.Journal;

/// <summary>
/// The store contract on a real PostgreSQL server, plus what only a shared store must do: let
/// several instances claim and migrate at once. Each test gets a schema of its own, dropped after.
/// The server comes from <c>D365XERO_TEST_POSTGRES</c>; <c>scripts/test.sh</c> starts one.
/// </summary>
public sealed class PostgresSyncStoreTests : SyncStoreContract, IAsyncLifetime
{
    private const string Variable = "D365XERO_TEST_POSTGRES";
    private readonly string _schema = $"t_{Guid.NewGuid():N}";
    private string _serverConnectionString = "";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        // A missing server fails the tests rather than skipping them: a skipped contract looks green.
        _serverConnectionString = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: start a test server with `eval \"$(scripts/postgres.sh start)\"` " +
                "(or run scripts/test.sh, which does), then run the tests again.");
        _connectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { SearchPath = _schema }.ConnectionString;
        await ExecuteOnServerAsync($"CREATE SCHEMA {_schema}");
    }

    public async Task DisposeAsync()
    {
        if (_connectionString.Length == 0) return;
        // The pool of this schema's connection string is of no further use.
        await using (var pooled = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        await ExecuteOnServerAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var db = new NpgsqlConnection(_serverConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    protected override Task<ISyncStore> CreateStoreAsync() =>
        Task.FromResult<ISyncStore>(new SqlSyncStore(StoreDialect.Postgres, _connectionString, Time));

    [Fact]
    public async Task Two_instances_claiming_at_once_never_get_the_same_entry()
    {
        var first = await CreateStoreAsync();
        var second = await CreateStoreAsync();
        await first.MigrateAsync(default);
        var ids = Enumerable.Range(0, 400).Select(_ => Guid.NewGuid()).ToList();
        await first.EnqueueAsync("default", ids.Select(id => new WorkKey("account", id)), default);

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Each takes its first claim before either goes on, so both claim side by side however the machine schedules them (on
        // a loaded machine one could otherwise claim all 400 before the other started).
        var bothClaimed = new Barrier(2);

        var claiming = Task.WhenAll(
            Task.Run(() => ClaimUntilEmptyAsync(first, "w1", go.Task, bothClaimed)),
            Task.Run(() => ClaimUntilEmptyAsync(second, "w2", go.Task, bothClaimed)));
        go.SetResult();
        var claims = await claiming;

        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(ids.Order(), claims[0].Concat(claims[1]).Order());
        Assert.All(claims, c => Assert.NotEmpty(c)); // both really claimed, side by side
    }

    private static async Task<List<Guid>> ClaimUntilEmptyAsync(ISyncStore store, string worker, Task go, Barrier firstClaims)
    {
        await go;
        var claimed = new List<Guid>();
        while (true)
        {
            var batch = await store.ClaimAsync("default", "account", 7, TimeSpan.FromMinutes(2), worker, default);
            if (claimed.Count == 0 && !firstClaims.SignalAndWait(TimeSpan.FromSeconds(30)))
                throw new TimeoutException("The other instance made no first claim within 30 s.");
            if (batch.Count == 0) return claimed;
            claimed.AddRange(batch.Select(i => i.DynamicsId));
        }
    }

    [Fact]
    public async Task A_write_waiting_on_a_lock_stops_when_its_token_is_cancelled()
    {
        var store = await CreateStoreAsync();
        await store.MigrateAsync(default);
        await using var blocker = new NpgsqlConnection(_connectionString);
        await blocker.OpenAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE journal IN EXCLUSIVE MODE", blocker, holding))
            await command.ExecuteNonQueryAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var waiting = store.EnqueueAsync("default", [new WorkKey("account", Guid.NewGuid())], cancel.Token);

        // The token reaches the statement itself, which the server cancels while it waits for the lock.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await holding.RollbackAsync();
        Assert.Empty(await store.CountPendingAsync("default", default));
    }

    [Fact]
    public async Task Instances_starting_together_migrate_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateStoreAsync()));

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(default))));

        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", db);
        Assert.Equal(StoreMigrations.Steps(StoreDialect.Postgres).Count, Convert.ToInt32(await command.ExecuteScalarAsync()));
    }
}
