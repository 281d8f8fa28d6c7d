using D365Xero.Sync.Validation;
using D365Xero.Tests.Sync.Steps;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Sync.Validation;

public sealed class XeroReferenceDataTests
{
    private readonly FakeXeroGateway _xero = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private int _changes;

    private XeroReferenceData Cache() => new(_xero, _time, _ => { _changes++; return Task.CompletedTask; });

    [Fact]
    public async Task The_first_need_reads_the_six_settings_once_and_later_needs_within_the_hour_read_nothing()
    {
        var cache = Cache();

        var first = await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(59));
        var again = await cache.GetAsync(default);

        Assert.Same(first, again);
        Assert.Equal(["GET Accounts", "GET Organisation", "GET TaxRates", "GET Currencies", "GET TrackingCategories", "GET BrandingThemes"], _xero.Calls);
        Assert.Equal(1, _changes);
    }

    [Fact]
    public async Task After_an_hour_accounts_are_read_with_If_Modified_Since_and_a_change_requeues_refused_rows()
    {
        var cache = Cache();
        await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(61));
        _xero.Settings.Accounts = [_xero.Settings.Accounts.Single(a => a.Code == "205") with { Status = "ACTIVE" }];

        var settings = await cache.GetAsync(default);

        Assert.Equal([null, new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero)], _xero.AccountsModifiedSince);
        Assert.Equal("ACTIVE", settings.Account("205")!.Status);
        Assert.Equal("ACTIVE", settings.Account("200")!.Status);
        Assert.Equal(2, _changes);
    }

    [Fact]
    public async Task A_refusal_makes_the_next_need_read_again_and_an_unchanged_read_requeues_nothing()
    {
        var cache = Cache();
        await cache.GetAsync(default);

        cache.Invalidate();
        await cache.GetAsync(default);

        Assert.Equal(12, _xero.Calls.Count);
        Assert.Equal(1, _changes);
    }
}
