using System.Text.Json;
using D365Xero.Target.Xero;

namespace D365Xero.Tests.Target.Xero;

public sealed class XeroDateConverterTests
{
    [Theory]
    [InlineData("/Date(1439434356790)/", 1439434356790)]
    [InlineData("/Date(1419937200000+0000)/", 1419937200000)]
    [InlineData("/Date(1419937200000+1300)/", 1419937200000)]
    [InlineData("/Date(-1000)/", -1000)]
    public void Reads_microsoft_format_as_milliseconds_since_the_epoch(string text, long milliseconds) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), XeroDateConverter.Parse(text));

    [Fact]
    public void Reads_iso_8601_with_and_without_an_offset()
    {
        Assert.Equal(new DateTimeOffset(2019, 2, 22, 0, 29, 47, 960, TimeSpan.Zero), XeroDateConverter.Parse("2019-02-21T16:29:47.96-08:00"));
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero), XeroDateConverter.Parse("2026-09-01T10:00:00"));
    }

    [Fact]
    public void Refuses_text_that_is_not_a_date() =>
        Assert.Throws<JsonException>(() => XeroDateConverter.Parse("/Date(soon)/"));
}
