using D365Xero.Sync.Steps;
using D365Xero.Tables;

namespace D365Xero.Tests.Sync.Steps;

public sealed class TableRegistryRulesTests
{
    [Fact]
    public void The_drain_works_children_before_parents_and_dependencies_before_dependents()
    {
        Assert.Equal(["contact", "account", "product", "salesorderdetail", "salesorder"], SyncedTables.Default.InDrainOrder.Select(t => t.Name));
        Assert.Equal(["account", "contact", "product", "salesorder"], SyncedTables.Default.WithWriteBack.Select(t => t.Name));
    }

    [Fact]
    public void A_table_drained_before_what_it_depends_on_is_refused_at_declaration()
    {
        var early = SyncedTables.Order with { Name = "early", DrainOrder = -1 };
        var e = Assert.Throws<ArgumentException>(() => SyncedTables.Default.With(early));
        Assert.Contains("early", e.Message);
    }

    [Fact]
    public void A_table_that_names_an_undeclared_table_is_refused_at_declaration()
    {
        var orphan = new SyncedTable { Name = "widget", Noun = "widget", EntitySet = "widgets", Key = "widgetid", DrainOrder = 9, DependsOn = ["gadget"], Step = s => new ProductStep(s) };
        var e = Assert.Throws<ArgumentException>(() => SyncedTables.Default.With(orphan));
        Assert.Contains("gadget", e.Message);
    }
}
