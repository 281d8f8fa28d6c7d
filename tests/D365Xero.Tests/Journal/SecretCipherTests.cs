using System.Security.Cryptography;
using D365Xero.Journal;

namespace D365Xero.Tests.Journal;

public sealed class SecretCipherTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Opens_what_it_sealed_and_the_sealed_text_hides_the_secret()
    {
        var cipher = SecretCipher.FromKey(NewKey())!;

        var sealedText = cipher.Encrypt("refresh-token-123", "default/xero.grant");

        Assert.True(SecretCipher.IsEncrypted(sealedText));
        Assert.DoesNotContain("refresh-token-123", sealedText);
        Assert.Equal("refresh-token-123", cipher.Decrypt(sealedText, "default/xero.grant"));
        Assert.NotEqual(sealedText, cipher.Encrypt("refresh-token-123", "default/xero.grant"));
    }

    [Fact]
    public void A_value_moved_to_another_connection_or_opened_with_another_key_does_not_open()
    {
        var cipher = SecretCipher.FromKey(NewKey())!;
        var sealedText = cipher.Encrypt("secret", "a/xero.grant");

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(sealedText, "b/xero.grant"));
        Assert.ThrowsAny<CryptographicException>(() => SecretCipher.FromKey(NewKey())!.Decrypt(sealedText, "a/xero.grant"));
    }

    [Fact]
    public void No_key_means_no_cipher_and_a_malformed_key_says_how_to_make_one()
    {
        Assert.Null(SecretCipher.FromKey(null));
        Assert.Null(SecretCipher.FromKey(""));
        var shortKey = Assert.Throws<InvalidOperationException>(() => SecretCipher.FromKey(Convert.ToBase64String(new byte[16])));
        Assert.Contains("32 bytes", shortKey.Message);
        Assert.Contains("openssl rand -base64 32", shortKey.Message);
        Assert.Throws<InvalidOperationException>(() => SecretCipher.FromKey("not base64!"));
    }
}
