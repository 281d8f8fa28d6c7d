using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Sync.Steps;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Reconcile;

/// <summary>
/// What Dynamics would send today for linked rows, built by the steps' own reading and mapping
/// (<see cref="AccountBatch"/>, <see cref="ContactMapper.MapIndividual"/>, <see cref="ItemMapper"/> with
/// <see cref="ProductStep.Coded"/>), so `reconcile` compares exactly what a sync would send.
/// </summary>
public sealed class ExpectedPayloads(IDynamicsReader reader, Configuration.SyncOptions options)
{
    /// <summary>Each account's contact as it would be sent (with the name suffix its link keeps); <c>Gone</c> for a row deleted in Dynamics, no payload when it would not be sent.</summary>
    public async Task<IReadOnlyDictionary<Guid, Expected<XeroContact>>> AccountsAsync(IReadOnlyList<LinkedRecord> linked, CancellationToken ct)
    {
        var batch = await AccountBatch.ReadAsync(reader, linked.Select(l => l.DynamicsId).ToList(), ct, options.Mapping.Contact);
        return linked.ToDictionary(l => l.DynamicsId, l => batch.Rows.GetValueOrDefault(l.DynamicsId) is { } row
            ? new Expected<XeroContact>(row.Row.Name, batch.Map(l.DynamicsId, l.Detail.Suffix).Payload)
            : Expected<XeroContact>.Gone);
    }

    /// <summary>Each individual customer's own contact; none when the contact has joined an account meanwhile (the sync archives its own contact).</summary>
    public async Task<IReadOnlyDictionary<Guid, Expected<XeroContact>>> IndividualsAsync(IReadOnlyList<LinkedRecord> linked, CancellationToken ct)
    {
        var rows = await reader.GetContactsAsync(linked.Select(l => l.DynamicsId).ToList(), ct);
        return linked.ToDictionary(l => l.DynamicsId, l => rows.GetValueOrDefault(l.DynamicsId)?.Row is { } row
            ? new Expected<XeroContact>(row.FullName, row.ParentAccountId is null ? ContactMapper.MapIndividual(row, l.Detail.Suffix).Payload : null)
            : Expected<XeroContact>.Gone);
    }

    /// <summary>Each product's item; none when the product would not be sent now (a draft, a family, a retired one set to delete, an error).</summary>
    public async Task<IReadOnlyDictionary<Guid, Expected<XeroItem>>> ProductsAsync(IReadOnlyList<LinkedRecord> linked, CancellationToken ct)
    {
        var rows = await reader.GetProductsAsync(linked.Select(l => l.DynamicsId).ToList(), ct);
        return linked.ToDictionary(l => l.DynamicsId, l =>
        {
            if (rows.GetValueOrDefault(l.DynamicsId) is not { } row) return Expected<XeroItem>.Gone;
            var mapping = ItemMapper.Map(row.Row, options);
            return new Expected<XeroItem>(row.Row.Name, mapping.Decision == MappingDecision.Send ? ProductStep.Coded(mapping.Payload!, row.Raw, options) is { Error: null } coded ? coded.Item : null : null);
        });
    }
}

/// <summary>One row's side in Dynamics: its name and payload; <see cref="Deleted"/> when the row is gone.</summary>
public sealed record Expected<T>(string? Name, T? Payload, bool Deleted = false) where T : class
{
    public static readonly Expected<T> Gone = new(null, null, Deleted: true);
}
