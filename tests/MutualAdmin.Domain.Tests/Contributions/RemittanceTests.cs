using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Tests.Contributions.Accounts;

namespace MutualAdmin.Domain.Tests.Contributions;

public class RemittanceTests
{
    static readonly Spec<Remittance, IRemittanceCommand, IRemittanceEvent> Spec =
        new(Remittance.Initial, Remittance.Evolve, RemittanceDecider.Decide);

    static readonly Guid RemittanceId = Guid.Parse("d0000000-0000-4000-8000-000000000007");
    static readonly Guid Correction = Guid.Parse("d0000000-0000-4000-8000-000000000008");

    // July: 12000 + 845 paid in July, 500 of a June payment reversed in July → 12345 collected.
    static readonly Collection[] Collections =
    [
        new(Id, "R-1", new(2026, 6, 28), 500), new(Id, "R-2", new(2026, 7, 2), 12000),
        new(Id, "R-3", new(2026, 7, 31), 845), new(Id, "R-1", new(2026, 7, 3), -500), new(Id, "R-4", new(2026, 8, 1), 9999),
    ];

    static readonly SubsidyReceivable JulySubsidy = new(Id, 2, new(2026, 7, 1), 1750);
    static readonly RemittancePrepared Prepared = new(RemittanceId, "2026-07", 12345, 1235, 11110, [JulySubsidy], 1750, null, new(2026, 8, 2));
    static readonly RemittanceSubmitted Submitted = new(RemittanceId, new(2026, 8, 3));
    static readonly RemittanceAcknowledged Acknowledged = new(RemittanceId, "FND-2026-07-0042", 11110, new(2026, 8, 20));

    [Fact]
    public void K_8_collected_is_payments_minus_reversals_dated_in_the_month_and_the_fee_rounds_half_up() =>
        Spec.Given().When(new PrepareRemittance(RemittanceId, "2026-07", Collections,
                [JulySubsidy, new(Id, 3, new(2026, 10, 1), 1750)], 10, new(2026, 8, 2)))
            .Then(Prepared);

    [Fact]
    public void K_7_subsidy_shares_are_claimed_in_the_month_they_fall_due() =>
        Assert.Equal([new SubsidyReceivable(Id, 2, new(2026, 7, 1), 1750)],
            Subsidies.FallingDueIn(AccountOf(QuarterlyOpened(new(2026, 4, 1), new(2026, 3, 20))), "2026-07"));

    [Fact]
    public void K_8_a_submitted_statement_is_acknowledged_with_the_funds_reference() =>
        Spec.Given(Prepared, Submitted).When(new AcknowledgeRemittance(RemittanceId, 11110, "FND-2026-07-0042", new(2026, 8, 20)))
            .Then(Acknowledged);

    [Fact]
    public void K_8_the_same_acknowledgement_again_is_already_done() =>
        Spec.Given(Prepared, Submitted, Acknowledged).When(new AcknowledgeRemittance(RemittanceId, 11110, "FND-2026-07-0042", new(2026, 8, 20)))
            .ThenNothing();

    [Fact]
    public void K_8_a_settled_statement_does_not_change() =>
        Spec.Given(Prepared, Submitted, Acknowledged).When(new DisputeRemittance(RemittanceId, "amount differs", new(2026, 8, 21)))
            .ThenFails("K-8", "REMITTANCE_SETTLED");

    [Fact]
    public void K_8_a_statement_is_acknowledged_only_once_submitted() =>
        Spec.Given(Prepared).When(new AcknowledgeRemittance(RemittanceId, 11110, "X", new(2026, 8, 20))).ThenFails("K-8", "NOT_SUBMITTED");

    [Fact]
    public void K_8_a_disputed_statement_is_superseded_by_its_correction() =>
        Spec.Given(Prepared, Submitted, new RemittanceDisputed(RemittanceId, "subsidies of June missing", new(2026, 8, 9)))
            .When(new SupersedeRemittance(RemittanceId, Correction, new(2026, 8, 10)))
            .Then(new RemittanceSuperseded(RemittanceId, Correction, new(2026, 8, 10)));

    [Fact]
    public void K_8_only_a_disputed_statement_is_superseded() =>
        Spec.Given(Prepared, Submitted).When(new SupersedeRemittance(RemittanceId, Correction, new(2026, 8, 10))).ThenFails("K-8", "NOT_DISPUTED");
}

public class SubsidyReceivableTests
{
    [Fact]
    public void K_7_subsidies_are_settled_when_the_fund_acknowledges_the_statement_that_claimed_them()
    {
        var id = Guid.NewGuid();
        SubsidyReceivable july = new(id, 2, new(2026, 7, 1), 1750), october = new(id, 3, new(2026, 10, 1), 1750);
        var acknowledged = new Remittance.Statement(Guid.NewGuid(), "2026-07", 0, 0, 0, [july], RemittanceState.Acknowledged);
        var disputed = new Remittance.Statement(Guid.NewGuid(), "2026-10", 0, 0, 0, [october], RemittanceState.Disputed);
        Assert.Equal([october], Subsidies.Outstanding([july, october], [acknowledged, disputed]));
    }
}
