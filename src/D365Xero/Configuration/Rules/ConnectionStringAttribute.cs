using System.ComponentModel.DataAnnotations;
using System.Data.Common;

namespace D365Xero.Configuration;

/// <summary>
/// <c>key=value</c> pairs separated by <c>;</c>, as ADO.NET parses them
/// (https://learn.microsoft.com/dotnet/framework/data/adonet/connection-string-syntax).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConnectionStringAttribute : ValidationAttribute
{
    public ConnectionStringAttribute() => ErrorMessage = "a connection string of key=value pairs separated by ';'";

    public override bool IsValid(object? value)
    {
        if (value is not string text || string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = text }.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
