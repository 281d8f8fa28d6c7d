using D365Xero.Source;

namespace D365Xero.Tests.Source;

/// <summary>docs/dataverse-rules.md#d-url-length: a reader's query by ids stays under the Web API's 32,768 characters.</summary>
public sealed class ReaderUrlLengthTests
{
    [Fact]
    public void A_full_chunk_of_ids_by_the_longest_id_column_leaves_room_for_the_select_under_32_KB()
    {
        var ids = Enumerable.Range(0, DynamicsReader.IdsPerQuery).Select(_ => Guid.NewGuid());
        // The reader's filter, escaped as it sends it (DynamicsReader.QueryByIdsAsync); the longest id column it filters on.
        var filter = string.Join(" or ", ids.Select(id => $"_parentcustomerid_value eq {id}"));
        var url = "https://org.crm.dynamics.com/api/data/v9.2/contacts?$select=&$filter=" + Uri.EscapeDataString(filter);

        // 4 KB left for the environment's host and the widest $select (a table's columns, a mapping's and the write-back's).
        Assert.True(url.Length <= 32_768 - 4_096, $"{url.Length} characters for {DynamicsReader.IdsPerQuery} ids");
        Assert.True(DynamicsReader.IdsPerQuery >= 250, "the back-fill's Dataverse requests per row depend on wide reads (BENCHMARKS.md, session 6)");
    }
}
