using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsSafeguarding.Tests.Teams.Auth;

/// <summary>
/// A stand-in for login.botframework.com on 127.0.0.1: serves OpenID metadata and a jwks whose keys carry
/// "endorsements", and mints tokens shaped like the Bot Connector's. Point Bot:OpenIdMetadataUrl at
/// <see cref="MetadataUrl"/> and send <see cref="MintToken"/>'s result as "Authorization: Bearer ...".
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string DefaultKeyId = "test-key-1";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, IssuerKey> _keys = new();
    // RSA key generation is slow; the same key id gets the same key material across issuers in one test run.
    // (Parameters, not RSA objects, are shared: each issuer gets its own RSA instance.)
    private static readonly ConcurrentDictionary<string, RSAParameters> KeyMaterial = new();
    private const string ForgerKeyMaterial = "\0forger";
    private int _metadataRequests;
    private int _jwksRequests;

    private sealed record IssuerKey(RsaSecurityKey Key, string[]? Endorsements, bool Published);

    private TestTokenIssuer(WebApplication app)
    {
        _app = app;
        AddKey(DefaultKeyId);
    }

    /// <summary>http://127.0.0.1:{port}/v1/.well-known/openidconfiguration</summary>
    public string MetadataUrl { get; private set; } = "";
    public string JwksUrl { get; private set; } = "";

    /// <summary>When false, both documents answer 503 (the metadata endpoint is down).</summary>
    public bool Available { get; set; } = true;

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<TestTokenIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestTokenIssuer(app);

        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref issuer._metadataRequests);
            if (!issuer.Available) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            return Results.Text(new JsonObject
            {
                ["issuer"] = BotFrameworkIssuer,
                ["authorization_endpoint"] = "https://invalid.example/v1/authorize",
                ["jwks_uri"] = issuer.JwksUrl,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            }.ToJsonString(), "application/json");
        });
        app.MapGet("/v1/keys", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            if (!issuer.Available) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            return Results.Text(issuer.JwksJson(), "application/json");
        });

        await app.StartAsync();
        var root = app.Urls.Single().TrimEnd('/');
        issuer.MetadataUrl = root + "/v1/.well-known/openidconfiguration";
        issuer.JwksUrl = root + "/v1/keys";
        return issuer;
    }

    /// <summary>Adds a signing key endorsed for msteams.</summary>
    public void AddKey(string keyId, bool publish = true) => AddKey(keyId, ["msteams"], publish);

    /// <summary>Adds a signing key; <paramref name="endorsements"/> null means the jwks entry has no "endorsements" at all.</summary>
    public void AddKey(string keyId, string[]? endorsements, bool publish = true) =>
        _keys[keyId] = new IssuerKey(
            new RsaSecurityKey(RsaFor(keyId)) { KeyId = keyId }, endorsements, publish);

    /// <summary>Puts an unpublished key into the jwks (key rotation).</summary>
    public void Publish(string keyId) => _keys[keyId] = _keys[keyId] with { Published = true };

    /// <summary>Takes a key out of the jwks; tokens can still be minted with it.</summary>
    public void Withdraw(string keyId) => _keys[keyId] = _keys[keyId] with { Published = false };

    /// <summary>
    /// A token as the Bot Connector sends it: iss api.botframework.com, aud = app id, serviceurl, 5 minutes old,
    /// valid for an hour, RS256, signed with <paramref name="keyId"/>. Every argument after serviceUrl overrides one part.
    /// </summary>
    /// <param name="signWithUnknownKey">Sign with a fresh key that is not in the jwks, keeping kid = keyId (a forgery).</param>
    public string MintToken(string appId, string serviceUrl, string keyId = DefaultKeyId, string issuer = BotFrameworkIssuer,
        string? audience = null, DateTime? notBefore = null, DateTime? expires = null, bool includeServiceUrl = true,
        string algorithm = SecurityAlgorithms.RsaSha256, bool signWithUnknownKey = false)
    {
        var key = signWithUnknownKey ? new RsaSecurityKey(RsaFor(ForgerKeyMaterial)) { KeyId = keyId } : _keys[keyId].Key;
        var nbf = notBefore ?? DateTime.UtcNow.AddMinutes(-5);
        var claims = new Dictionary<string, object>();
        if (includeServiceUrl) claims["serviceurl"] = serviceUrl;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience ?? appId,
            IssuedAt = nbf,
            NotBefore = nbf,
            Expires = expires ?? nbf.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    private static RSA RsaFor(string name) => RSA.Create(KeyMaterial.GetOrAdd(name, _ =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }));

    private string JwksJson()
    {
        var keys = new JsonArray();
        foreach (var (kid, entry) in _keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!entry.Published) continue;
            var p = entry.Key.Rsa.ExportParameters(includePrivateParameters: false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = kid,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            };
            if (entry.Endorsements is not null)
                jwk["endorsements"] = new JsonArray(entry.Endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
            keys.Add(jwk);
        }
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
