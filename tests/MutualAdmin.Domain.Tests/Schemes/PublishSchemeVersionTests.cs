using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Tests.Schemes;

public class PublishSchemeVersionTests
{
    static readonly Spec<SchemeCatalogue, PublishSchemeVersion, ISchemeEvent> Spec =
        new(Scheme.Initial, Scheme.Evolve, Scheme.Decide);

    static readonly DateTimeOffset At = new(2025, 12, 1, 9, 0, 0, TimeSpan.Zero);
    static SchemeVersion Draft => DemoScheme.CsuBase with { Version = 0 };
    static SchemeVersionPublished Published(SchemeVersion s) => new(s, At);

    [Fact]
    public void S_1_first_publication_is_version_1() =>
        Spec.Given().When(new(Draft, At)).Then(Published(Draft with { Version = 1 }));

    [Fact]
    public void S_1_a_change_is_a_new_version() =>
        Spec.Given(Published(DemoScheme.CsuBase))
            .When(new(Draft with { EffectiveFrom = new(2027, 1, 1), ContributionPerBeneficiary = 7500 }, At))
            .Then(Published(Draft with { Version = 2, EffectiveFrom = new(2027, 1, 1), ContributionPerBeneficiary = 7500 }));

    [Fact]
    public void S_1_republishing_the_latest_document_is_already_done() =>
        Spec.Given(Published(DemoScheme.CsuBase)).When(new(Draft, At)).ThenNothing();

    [Fact]
    public void S_1_effective_from_not_after_the_latest_is_refused_naming_the_field()
    {
        var error = Spec.Given(Published(DemoScheme.CsuBase))
            .When(new(Draft with { ContributionPerBeneficiary = 8000 }, At)).ThenFails("S-1", "SCHEME_INVALID");
        Assert.Equal("effectiveFrom", Assert.Single(error.Errors).Field);
    }
}
