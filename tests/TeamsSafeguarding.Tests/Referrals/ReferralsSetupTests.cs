using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Partners;
using Microsoft.Extensions.Configuration;
using Xunit;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Risk;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Triage;

namespace TeamsSafeguarding.Tests.Referrals;

public class ReferralsSetupTests
{
    [Fact]
    public void AddReferrals_registers_the_feature_its_verbs_and_the_draft_sweep()
    {
        // The bot's own composition (the AddX() calls Program.cs makes), resolved without a host.
        using var provider = BotServices.Create(new TableClient("UseDevelopmentStorage=true", "unused"), TimeProvider.System,
            new BoardOptions { Partners = BoardOptions.DefaultPartners() });

        var routes = new BotRoutes();
        foreach (var feature in provider.GetServices<IBotFeature>()) feature.Map(routes);
        foreach (var verb in new[] { ReferralVerbs.Start, ReferralVerbs.List, ReferralVerbs.Route, ReferralVerbs.Next, ReferralVerbs.Back, ReferralVerbs.Save,
                     ReferralVerbs.Submit, ReferralVerbs.Resume, ReferralVerbs.Edit, ReferralVerbs.AddRisk, ReferralVerbs.RemoveRisk, ReferralVerbs.OpenRisk, ReferralVerbs.Discard, ReferralVerbs.DiscardConfirm, ReferralVerbs.ShowDetails })
            Assert.NotNull(routes.FindVerb(verb));
        Assert.NotNull(routes.FindCommand("refer"));
        Assert.NotNull(routes.FindCommand("new referral"));
        Assert.NotNull(routes.FindCommand("my referrals"));
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is DraftExpiry);
    }
}
