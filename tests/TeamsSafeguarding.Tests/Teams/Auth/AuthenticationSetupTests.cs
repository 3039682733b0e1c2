using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Auth;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Auth;

public sealed class AuthenticationSetupTests
{
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";

    private static IInboundAuthenticator Resolve(BotOptions options, string environment)
    {
        var services = new ServiceCollection().AddInboundAuthentication(options, new Env(environment));
        return services.BuildServiceProvider().GetRequiredService<IInboundAuthenticator>();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public void Without_an_app_id_start_up_stops_outside_Development(string environment)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddInboundAuthentication(new BotOptions { AllowedTenantIds = [Tenant] }, new Env(environment)));
        Assert.Contains("Bot:MicrosoftAppId", ex.Message);
        Assert.Contains(environment, ex.Message);
    }

    [Fact]
    public void A_blank_app_id_counts_as_none() =>
        Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddInboundAuthentication(new BotOptions { MicrosoftAppId = "  " }, new Env("Production")));

    [Fact]
    public void Without_an_app_id_Development_runs_unauthenticated_for_the_Playground() =>
        Assert.IsType<LocalDevelopmentAuthenticator>(Resolve(new BotOptions { AllowedTenantIds = [Tenant] }, Environments.Development));

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void With_an_app_id_tokens_are_validated_in_every_environment(string environment)
    {
        var options = new BotOptions { MicrosoftAppId = "11111111-2222-3333-4444-555555555555", AllowedTenantIds = [Tenant] };
        Assert.IsType<BotFrameworkAuthenticator>(Resolve(options, environment));
    }

    [Fact]
    public void The_authenticator_and_its_key_cache_are_singletons()
    {
        var options = new BotOptions { MicrosoftAppId = "11111111-2222-3333-4444-555555555555" };
        var provider = new ServiceCollection().AddInboundAuthentication(options, new Env("Production")).BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Same(provider.GetRequiredService<IInboundAuthenticator>(), scope.ServiceProvider.GetRequiredService<IInboundAuthenticator>());
        Assert.Same(provider.GetRequiredService<SigningKeyCache>(), scope.ServiceProvider.GetRequiredService<SigningKeyCache>());
    }

    [Fact]
    public async Task Local_development_accepts_a_request_without_a_header_as_anonymous()
    {
        var result = await new LocalDevelopmentAuthenticator([Tenant])
            .AuthenticateAsync(null, "msteams", "http://localhost:56150/_connector", Tenant, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("anonymous", result.Identity!.AuthenticationType);
        Assert.Empty(result.Identity.Claims);
    }

    [Theory]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXJ2aWNldXJsIjoiaHR0cDovL2xvY2FsaG9zdDo1NjE1MC9fY29ubmVjdG9yLyIsImlhdCI6MTc5NTQyMTk0N30.GlNCEiT5E3JO53o28t5t65tWlV3GuOJjmP-yVIxUVxY")]
    [InlineData("Bearer x")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Local_development_refuses_any_request_that_carries_a_header(string header)
    {
        var result = await new LocalDevelopmentAuthenticator([Tenant])
            .AuthenticateAsync(header, "msteams", "http://localhost:56150/_connector/", Tenant, CancellationToken.None);
        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("99999999-0000-0000-0000-000000000000")]
    [InlineData(null)]
    public async Task Local_development_still_refuses_tenants_that_are_not_allowed(string? tenant)
    {
        var result = await new LocalDevelopmentAuthenticator([Tenant])
            .AuthenticateAsync(null, "msteams", "http://localhost:56150/_connector", tenant, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("tenant", result.FailureReason);
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "TeamsSafeguarding.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
