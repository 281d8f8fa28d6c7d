using D365Xero.Sync;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Sync;

/// <summary>Xero items by Code, compared as Xero compares codes: only the id matching and orphan lookups read.</summary>
public sealed class XeroItemIndexTests
{
    [Fact]
    public void A_code_is_found_whatever_its_case_with_the_items_id_and_code()
    {
        var index = new XeroItemIndex();
        var item = new XeroItem { ItemID = Guid.NewGuid(), Code = "HELM-01", Name = "Helmet", SalesDetails = new XeroItemDetails { UnitPrice = 10m } };
        index.TryAdd("HELM-01", item);
        index.TryAdd("helm-01", new XeroItem { ItemID = Guid.NewGuid(), Code = "helm-01" });

        Assert.True(index.TryGetValue("helm-01", out var found));

        Assert.Equal(new XeroItem { ItemID = item.ItemID, Code = "HELM-01" }, found);
        Assert.Equal(1, index.Count);
        Assert.False(index.TryGetValue("LOCK-01", out _));
    }

    [Fact]
    public void Our_own_write_replaces_what_was_known_of_the_code()
    {
        var index = new XeroItemIndex();
        index.TryAdd("HELM-01", new XeroItem { ItemID = Guid.NewGuid(), Code = "HELM-01" });
        var saved = new XeroItem { ItemID = Guid.NewGuid(), Code = "HELM-01" };

        index["HELM-01"] = saved;

        Assert.True(index.TryGetValue("HELM-01", out var found));
        Assert.Equal(saved.ItemID, found!.ItemID);
    }
}
