namespace D365Xero.Mapping;

public enum PersonRole
{
    /// <summary>The Xero contact's own FirstName/LastName/EmailAddress.</summary>
    Primary,
    /// <summary>One of the (at most 5) ContactPersons.</summary>
    Person,
    /// <summary>Not sent; the reason goes on the contact's row.</summary>
    Skipped,
}
