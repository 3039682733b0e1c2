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

    /// <summary>
    /// Connections to storage at once. Requests beyond wait their turn in the bot rather than all at once in storage,
    /// so a burst of clicks is answered in order instead of every click slowly.
    /// </summary>
    public int MaxConnections { get; set; } = 32;

    /// <summary>How long one storage request may take before it is tried again (the SDK tries 3 more times).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
