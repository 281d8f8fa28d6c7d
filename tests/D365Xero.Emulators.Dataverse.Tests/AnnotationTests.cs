using System.Net;

namespace D365Xero.Emulators.Dataverse.Tests;

/// <summary>Notes with a file on a sales order: the polymorphic objectid, the document's size, replacing and deleting it.</summary>
public sealed class AnnotationTests
{
    private static async Task<Guid> OrderAsync(TestEmulator emulator)
    {
        var account = await emulator.CreateAsync("accounts", new { name = "Acme" });
        return await emulator.CreateAsync("salesorders", new Dictionary<string, object> { ["name"] = "O", ["customerid_account@odata.bind"] = $"/accounts({account})" });
    }

    private static Dictionary<string, object> Note(Guid order, byte[] file) => new()
    {
        ["subject"] = "Xero invoice INV-0001",
        ["filename"] = "INV-0001.pdf",
        ["mimetype"] = "application/pdf",
        ["documentbody"] = Convert.ToBase64String(file),
        ["objectid_salesorder@odata.bind"] = $"/salesorders({order})",
    };

    [Fact]
    public async Task A_pdf_note_on_an_order_is_read_back_by_objectid_with_its_size()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var order = await OrderAsync(emulator);
        var file = "%PDF-1.4 invoice"u8.ToArray();
        var note = await emulator.CreateAsync("annotations", Note(order, file));

        var list = await emulator.GetJsonAsync($"annotations?$select=subject,filename,mimetype,documentbody,isdocument,filesize,objecttypecode,_objectid_value&$filter=_objectid_value eq {order}",
            ("Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\""));
        var row = Assert.Single(list["value"]!.AsArray())!;
        Assert.Equal(note.ToString(), row["annotationid"]!.GetValue<string>());
        Assert.Equal(order.ToString(), row["_objectid_value"]!.GetValue<string>());
        Assert.Equal("salesorder", row["_objectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        Assert.Equal("salesorder", row["objecttypecode"]!.GetValue<string>());
        Assert.True(row["isdocument"]!.GetValue<bool>());
        Assert.Equal(file.Length, row["filesize"]!.GetValue<int>());
        Assert.Equal(file, Convert.FromBase64String(row["documentbody"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Patch_replaces_the_document_and_delete_removes_the_note_and_the_order_takes_its_notes_with_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var order = await OrderAsync(emulator);
        var note = await emulator.CreateAsync("annotations", Note(order, [1, 2, 3]));
        using (var patch = await emulator.SendAsync(HttpMethod.Patch, $"annotations({note})", new { documentbody = Convert.ToBase64String(new byte[10]), filename = "INV-0001-v2.pdf" }))
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        var read = await emulator.GetJsonAsync($"annotations({note})?$select=filename,filesize");
        Assert.Equal("INV-0001-v2.pdf", read["filename"]!.GetValue<string>());
        Assert.Equal(10, read["filesize"]!.GetValue<int>());
        using (var delete = await emulator.SendAsync(HttpMethod.Delete, $"annotations({note})"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty((await emulator.GetJsonAsync($"annotations?$select=subject&$filter=_objectid_value eq {order}"))["value"]!.AsArray());

        var second = await emulator.CreateAsync("annotations", Note(order, [4]));
        using (await emulator.SendAsync(HttpMethod.Delete, $"salesorders({order})")) { }
        using var gone = await emulator.SendAsync(HttpMethod.Get, $"annotations({second})");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_document_over_the_organisations_upload_limit_is_refused_counting_its_base64_length()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var order = await OrderAsync(emulator);
        // 5 MB is the default limit: 3,932,161 bytes are 5,242,884 base64 characters, just over.
        using (var tooLarge = await emulator.SendAsync(HttpMethod.Post, "annotations", Note(order, new byte[3_932_161])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
            Assert.Contains("too large", (await TestEmulator.ErrorAsync(tooLarge))["message"]!.GetValue<string>());
        }
        await emulator.CreateAsync("annotations", Note(order, new byte[3_932_160]));

        var organization = (await emulator.GetJsonAsync("organizations?$select=name"))["value"]![0]!["organizationid"]!.GetValue<string>();
        using (var lower = await emulator.SendAsync(HttpMethod.Patch, $"organizations({organization})", new { maxuploadfilesize = 100 }))
            Assert.Equal(HttpStatusCode.NoContent, lower.StatusCode);
        using var refused = await emulator.SendAsync(HttpMethod.Post, "annotations", Note(order, new byte[100]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
