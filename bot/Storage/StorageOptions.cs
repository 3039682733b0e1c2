namespace TeamsSafeguarding.Storage;

/// <summary>Configuration section "Storage": the Azure Table Storage account (Azurite locally).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Connection string; "UseDevelopmentStorage=true" for Azurite on its default ports. Leave empty in Azure.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The account's table endpoint, e.g. https://stboard.table.core.windows.net/, used with the bot's managed identity
    /// (AZURE_CLIENT_ID) when no connection string is set: production needs no account key.
    /// </summary>
    public string? TableEndpoint { get; set; }

    /// <summary>The one table holding cases, drafts, the case log, the outbox and conversation references.
    /// One table so that a state change and the messages it causes can share a transaction.</summary>
    public string TableName { get; set; } = "Safeguarding";
}
