using D365Xero.Source.Dataverse;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class ODataLiteralTests
{
    [Theory]
    [InlineData("Contoso", "'Contoso'")]
    [InlineData("O'Brien & Sons", "'O''Brien & Sons'")]
    [InlineData("''", "''''''")]
    [InlineData("x' or 1 eq 1 or name eq 'y", "'x'' or 1 eq 1 or name eq ''y'")]
    [InlineData("", "''")]
    public void Quote_doubles_single_quotes_inside_the_literal(string text, string literal) =>
        Assert.Equal(literal, ODataLiteral.Quote(text));

    [Fact]
    public void Guids_are_written_plainly() =>
        Assert.Equal("2e451703-c686-e711-80e5-00155db19e6d", ODataLiteral.Guid(Guid.Parse("{2E451703-C686-E711-80E5-00155DB19E6D}")));
}
