using System.Globalization;
using static MutualAdmin.Domain.Enrolment.Household;

namespace MutualAdmin.Domain.Enrolment;

/// <summary>One row of a collector's household file (E-10), as text, exactly as uploaded.</summary>
public sealed record HouseholdRow(
    int RowNumber, string ExternalMemberReference, string FullName, string Sex, string BirthDate,
    string? Phone, string? NationalId, string Region, string District, string Commune,
    string OccupationCategory, string SubsidyCategory, string? RegistryReference);

public sealed record RowRejected(int RowNumber, string Reason);

public sealed record CollectiveRegistrationPlan(
    IReadOnlyList<RegisterMember> ToRegister, IReadOnlyList<RowRejected> Rejected, IReadOnlyList<int> AlreadyRegistered);

/// <summary>
/// E-10: each row stands on its own; a row already registered (same collector + external member
/// reference) is skipped, so re-uploading a file registers nobody twice. The household and person
/// ids derive from that identity, so even a concurrent re-upload lands on the same streams.
/// </summary>
public static class CollectiveRegistration
{
    public static CollectiveRegistrationPlan Plan(
        string collector, IReadOnlyList<HouseholdRow> rows, DateOnly registeredOn,
        Func<string, bool> alreadyRegistered, Func<HouseholdRow, DuplicateCheck> duplicates, Func<string> nextBeneficiaryNumber)
    {
        var toRegister = new List<RegisterMember>();
        var rejected = new List<RowRejected>();
        var skipped = new List<int>();
        var seenInFile = new HashSet<string>();
        foreach (var row in rows)
        {
            var reference = row.ExternalMemberReference?.Trim() ?? "";
            if (reference.Length == 0) { rejected.Add(new(row.RowNumber, "externalMemberReference: is required")); continue; }
            if (!seenInFile.Add(reference)) { rejected.Add(new(row.RowNumber, "externalMemberReference: repeated in the file")); continue; }
            if (alreadyRegistered(reference)) { skipped.Add(row.RowNumber); continue; }
            if (!TryBirth(row.BirthDate, out var birthDate, out var birthYear))
            { rejected.Add(new(row.RowNumber, "birthDate: expected yyyy-MM-dd or yyyy")); continue; }

            var householdId = StableId.From("household", collector, reference);
            var command = new RegisterMember(householdId, StableId.From("person", collector, reference), "",
                new(row.FullName?.Trim() ?? "", birthDate, Blank(row.Phone), Blank(row.NationalId), Blank(row.RegistryReference)),
                row.Sex?.Trim() ?? "", birthYear, birthDate is null, row.SubsidyCategory?.Trim() ?? "",
                new(row.Region?.Trim() ?? "", row.District?.Trim() ?? "", row.Commune?.Trim() ?? ""),
                row.OccupationCategory?.Trim() ?? "", registeredOn, duplicates(row), collector, reference);
            try
            {
                // The same rules as a member registered at the counter, with a placeholder number
                // so that numbers are drawn only for rows that pass.
                HouseholdDecider.Decide(command with { BeneficiaryNumber = BeneficiaryNumber.From(1) }, new NotRegistered());
                toRegister.Add(command with { BeneficiaryNumber = nextBeneficiaryNumber() });
            }
            catch (DomainError error)
            {
                rejected.Add(new(row.RowNumber, error.Field is null ? error.Message : $"{error.Field}: {error.Message}"));
            }
        }
        return new(toRegister, rejected, skipped);
    }

    static bool TryBirth(string text, out DateOnly? date, out int year)
    {
        date = null;
        text = text?.Trim() ?? "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        { date = d; year = d.Year; return true; }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is > 1900 and < 2200;
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
