using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>[SPEC] schema ContactGroup: a name, a status (ACTIVE or DELETED) and, when read by its id, its contacts.</summary>
internal sealed class ContactGroup : IBatchElement
{
    public Guid? ContactGroupID { get; set; }
    public string? Name { get; set; }

    /// <summary>ACTIVE or DELETED ([SPEC] ContactGroup.Status).</summary>
    public string? Status { get; set; }

    /// <summary>[SPEC] "The ContactID and Name of Contacts in a contact group. Returned on GETs when the ContactGroupID is supplied in the URL."</summary>
    public List<ContactGroupMember>? Contacts { get; set; }

    public bool? HasValidationErrors { get; set; }
    public string? StatusAttributeString { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }

    public void FlagErrors(bool hasErrors) => HasValidationErrors = hasErrors;
}

/// <summary>A contact as a group lists it: its id and name.</summary>
internal sealed record ContactGroupMember(Guid ContactID, string? Name);

/// <summary>A group as a contact lists it ([SPEC] Contact.ContactGroups): its id, name and status.</summary>
internal sealed record ContactGroupRef(Guid ContactGroupID, string? Name, string Status);
