namespace TeamsSafeguarding.Teams.Connector;

/// <summary>A bearer token for the Connector, and when it stops working.</summary>
public sealed record ConnectorToken(string Value, DateTimeOffset ExpiresOn);

/// <summary>Where the Connector client gets its outbound token. Null means "send no Authorization header".</summary>
public interface IConnectorTokenProvider
{
    ValueTask<ConnectorToken?> GetTokenAsync(CancellationToken ct);
}

/// <summary>Local development with the Agents Playground: its mocked Connector needs no token, and there is no app to get one for.</summary>
public sealed class NoConnectorToken : IConnectorTokenProvider
{
    public ValueTask<ConnectorToken?> GetTokenAsync(CancellationToken ct) => ValueTask.FromResult<ConnectorToken?>(null);
}
