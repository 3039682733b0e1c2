using Microsoft.IdentityModel.Tokens;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Auth;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Auth;

// Each negative case breaks exactly one check of an otherwise valid request, so it fails if that check is removed.
public sealed class BotFrameworkAuthenticatorTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/uk/";
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";
    private const string Channel = "msteams";

    private TestTokenIssuer _issuer = null!;
    private BotFrameworkAuthenticator _auth = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _auth = AuthenticatorFor(_issuer);
    }

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    internal static BotFrameworkAuthenticator AuthenticatorFor(TestTokenIssuer issuer, TimeProvider? clock = null) =>
        new(new BotOptions { MicrosoftAppId = AppId, OpenIdMetadataUrl = issuer.MetadataUrl, AllowedTenantIds = [Tenant] },
            new SigningKeyCache(issuer.MetadataUrl, SigningKeyCache.DocumentRetrieverFor(issuer.MetadataUrl, new HttpClient()),
                clock ?? TimeProvider.System));

    private Task<AuthResult> Authenticate(string? header, string? channelId = Channel, string? serviceUrl = ServiceUrl,
        string? tenantId = Tenant) =>
        _auth.AuthenticateAsync(header, channelId, serviceUrl, tenantId, CancellationToken.None);

    private static string Bearer(string token) => "Bearer " + token;

    private async Task AssertRefused(string? header, string reasonFragment, string? channelId = Channel,
        string? serviceUrl = ServiceUrl, string? tenantId = Tenant)
    {
        var result = await Authenticate(header, channelId, serviceUrl, tenantId);
        Assert.False(result.Succeeded);
        Assert.Null(result.Identity);
        Assert.Contains(reasonFragment, result.FailureReason);
    }

    [Fact]
    public async Task A_token_from_the_Bot_Connector_is_accepted_with_its_claims()
    {
        var result = await Authenticate(Bearer(_issuer.MintToken(AppId, ServiceUrl)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.NotNull(result.Identity);
        Assert.True(result.Identity!.IsAuthenticated);
        Assert.Equal(ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        Assert.Equal(TestTokenIssuer.BotFrameworkIssuer, result.Identity.FindFirst("iss")?.Value);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task RS384_and_RS512_are_accepted_too(string algorithm)
    {
        var result = await Authenticate(Bearer(_issuer.MintToken(AppId, ServiceUrl, algorithm: algorithm)));
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha256)]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha512)]
    public async Task Other_algorithms_are_refused_even_with_a_published_key(string algorithm) =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, algorithm: algorithm)), "not valid");

    [Fact]
    public async Task The_service_url_is_compared_ignoring_case()
    {
        var result = await Authenticate(Bearer(_issuer.MintToken(AppId, ServiceUrl.ToUpperInvariant())));
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_token_expired_beyond_the_five_minute_skew_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl,
            notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6))), "Expired");

    [Fact]
    public async Task A_token_expired_within_the_skew_is_still_accepted()
    {
        var result = await Authenticate(Bearer(_issuer.MintToken(AppId, ServiceUrl,
            notBefore: DateTime.UtcNow.AddHours(-1), expires: DateTime.UtcNow.AddMinutes(-3))));
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl,
            notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1))), "NotYetValid");

    [Fact]
    public async Task A_token_for_another_bot_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, audience: "99999999-0000-0000-0000-000000000000")),
            "InvalidAudience");

    [Fact]
    public async Task A_token_whose_audience_only_differs_by_a_trailing_slash_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, audience: AppId + "/")), "InvalidAudience");

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")]
    [InlineData("https://api.botframework.us")]
    public async Task A_token_from_another_issuer_is_refused(string issuer) =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, issuer: issuer)), "InvalidIssuer");

    [Fact]
    public async Task A_token_forged_with_a_key_that_is_not_published_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, signWithUnknownKey: true)), "InvalidSignature");

    [Fact]
    public async Task A_token_naming_a_key_that_was_never_published_is_refused()
    {
        _issuer.AddKey("never-published", publish: false);
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, keyId: "never-published")), "not published");
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_refused()
    {
        var parts = _issuer.MintToken(AppId, ServiceUrl).Split('.');
        var otherPayload = _issuer.MintToken(AppId, "https://evil.example/").Split('.')[1];
        await AssertRefused(Bearer($"{parts[0]}.{otherPayload}.{parts[2]}"), "InvalidSignature", serviceUrl: "https://evil.example/");
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_activitys_channel_is_refused()
    {
        _issuer.AddKey("webchat-only", ["webchat", "directline"]);
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, keyId: "webchat-only")), "not endorsed");
    }

    [Fact]
    public async Task A_key_endorsed_for_the_channel_among_others_is_accepted()
    {
        _issuer.AddKey("several", ["webchat", "msteams", "skype"]);
        var result = await Authenticate(Bearer(_issuer.MintToken(AppId, ServiceUrl, keyId: "several")));
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_key_without_endorsements_is_refused()
    {
        _issuer.AddKey("no-endorsements", endorsements: null);
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, keyId: "no-endorsements")), "no endorsements");
    }

    [Fact]
    public async Task A_key_without_endorsements_is_refused_even_when_the_channel_is_empty()
    {
        _issuer.AddKey("no-endorsements", endorsements: null);
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, keyId: "no-endorsements")), "no endorsements",
            channelId: "");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task An_empty_channel_counts_as_endorsed_as_in_the_SDK(string? channelId)
    {
        _issuer.AddKey("webchat-only", ["webchat"]);
        var result = await Authenticate(Bearer(_issuer.MintToken(AppId, ServiceUrl, keyId: "webchat-only")), channelId: channelId);
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_token_for_another_service_url_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, "https://smba.trafficmanager.net/emea/")), "does not match");

    [Fact]
    public async Task An_activity_without_a_service_url_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl)), "does not match", serviceUrl: null);

    [Fact]
    public async Task A_token_without_a_serviceurl_claim_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl, includeServiceUrl: false)), "no serviceurl claim");

    [Fact]
    public async Task A_request_without_an_Authorization_header_is_refused() =>
        await AssertRefused(null, "no Authorization header");

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("bearer TOKEN")]
    [InlineData("Bearer a b")]
    [InlineData("Bearer  TOKEN")]
    public async Task A_garbled_Authorization_header_is_refused(string header)
    {
        // TOKEN is replaced by a valid token so that only the header's shape is wrong.
        var result = await Authenticate(header.Replace("TOKEN", _issuer.MintToken(AppId, ServiceUrl)));
        Assert.False(result.Succeeded);
        Assert.Matches("Authorization header", result.FailureReason!);
    }

    [Fact]
    public async Task A_valid_token_behind_the_wrong_scheme_is_refused() =>
        await AssertRefused("Basic " + _issuer.MintToken(AppId, ServiceUrl), "not 'Bearer <token>'");

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task A_bearer_value_that_is_not_a_signed_JWT_with_a_key_id_is_refused(string token) =>
        await AssertRefused(Bearer(token), "not a signed JWT");

    [Fact]
    public async Task The_Agents_Playground_dummy_HS256_token_is_refused()
    {
        const string playgroundToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXJ2aWNldXJsIjoiaHR0cDovL2xvY2FsaG9zdDo1NjE1MC9fY29ubmVjdG9yLyIsImlhdCI6MTc5NTQyMTk0N30.GlNCEiT5E3JO53o28t5t65tWlV3GuOJjmP-yVIxUVxY";
        await AssertRefused(Bearer(playgroundToken), "not a signed JWT", serviceUrl: "http://localhost:56150/_connector/");
    }

    [Fact]
    public async Task An_HS256_token_naming_a_published_key_is_refused()
    {
        // Algorithm confusion: an HMAC "signed" with the published RSA modulus must not pass.
        var hmacKey = new SymmetricSecurityKey(new byte[64]) { KeyId = TestTokenIssuer.DefaultKeyId };
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokenIssuer.BotFrameworkIssuer,
            Audience = AppId,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(hmacKey, SecurityAlgorithms.HmacSha256),
        });
        await AssertRefused(Bearer(token), "not valid");
    }

    [Fact]
    public async Task An_activity_from_a_tenant_that_is_not_allowed_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl)), "tenant", tenantId: "99999999-0000-0000-0000-000000000000");

    [Fact]
    public async Task An_activity_without_a_tenant_is_refused() =>
        await AssertRefused(Bearer(_issuer.MintToken(AppId, ServiceUrl)), "tenant", tenantId: null);

    [Fact]
    public async Task With_an_empty_allow_list_nobody_is_allowed()
    {
        var auth = new BotFrameworkAuthenticator(
            new BotOptions { MicrosoftAppId = AppId, OpenIdMetadataUrl = _issuer.MetadataUrl, AllowedTenantIds = [] },
            new SigningKeyCache(_issuer.MetadataUrl, SigningKeyCache.DocumentRetrieverFor(_issuer.MetadataUrl, new HttpClient()),
                TimeProvider.System));
        var result = await auth.AuthenticateAsync(Bearer(_issuer.MintToken(AppId, ServiceUrl)), Channel, ServiceUrl, Tenant,
            CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("tenant", result.FailureReason);
    }

    [Fact]
    public async Task Failure_reasons_never_contain_the_token()
    {
        var token = _issuer.MintToken(AppId, ServiceUrl, audience: "someone-else");
        var reasons = new[]
        {
            await Authenticate(Bearer(token)),
            await Authenticate("Basic " + token),
            await Authenticate(Bearer(_issuer.MintToken(AppId, "https://elsewhere.example/")), serviceUrl: ServiceUrl),
        }.Select(r => r.FailureReason!);
        foreach (var reason in reasons)
        {
            Assert.DoesNotContain(token.Split('.')[1], reason);
            Assert.DoesNotContain("someone-else", reason);
            Assert.DoesNotContain("elsewhere.example", reason);
        }
    }

    [Fact]
    public void An_authenticator_without_an_app_id_cannot_be_built() =>
        Assert.Throws<ArgumentException>(() => new BotFrameworkAuthenticator(new BotOptions { MicrosoftAppId = " " },
            new SigningKeyCache(_issuer.MetadataUrl, SigningKeyCache.DocumentRetrieverFor(_issuer.MetadataUrl, new HttpClient()),
                TimeProvider.System)));
}
