using MutualAdmin.Web.Ui.Enrolment;
using MutualAdmin.Web.Ui.Shell;

namespace MutualAdmin.Web.Ui.Contributions;

/// <summary>Who a receipt is for: the member of the household the page was opened from.</summary>
public static class ReceiptHolder
{
    /// <summary>The member, or null when the page was opened without its household or it cannot be read (the receipt then names nobody).</summary>
    public static async Task<PersonView?> MemberOf(SelfApi api, Guid? household)
    {
        if (household is not { } id) return null;
        var h = (await api.Get<HouseholdView>($"/api/members/{id}")).Value;
        return h?.Beneficiaries.FirstOrDefault(p => p.PersonId == h.MemberId);
    }
}
