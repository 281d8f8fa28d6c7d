using D365Xero.Hosting.Leases;

namespace D365Xero.Tests.Hosting.Leases;

public sealed class LeaseShareTests
{
    [Theory]
    [InlineData(6, 3, 2)]
    [InlineData(6, 2, 3)]
    [InlineData(6, 4, 2)] // ceil: together they can always hold every connection
    [InlineData(6, 1, 6)]
    [InlineData(1, 3, 1)]
    [InlineData(0, 3, 0)]
    [InlineData(5, 0, 5)] // not yet announced: counts itself
    public void An_instance_works_at_most_its_fair_share(int connections, int live, int share) =>
        Assert.Equal(share, LeaseShare.For(connections, live));

    [Fact]
    public void Every_instance_tries_every_connection_but_from_its_own_starting_point()
    {
        var connections = Enumerable.Range(0, 6).Select(i => $"org{i}").ToList();

        var orders = new[] { "i1", "i2", "i3", "host-a:41:0badf00d" }.Select(id => LeaseShare.Order(connections, id)).ToList();

        Assert.All(orders, o => Assert.Equal(connections.Order(), o.Order()));
        Assert.True(orders.Select(o => o[0]).Distinct().Count() > 1, "all instances start with the same connection");
        Assert.Equal(orders[0], LeaseShare.Order(connections, "i1")); // stable for one id
    }
}
