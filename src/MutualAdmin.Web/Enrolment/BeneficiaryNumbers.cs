using Npgsql;

namespace MutualAdmin.Web.Enrolment;

/// <summary>E-2: numbers drawn from the platform-wide sequence, formatted with their Luhn digit by the domain.</summary>
public sealed class BeneficiaryNumbers(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<string>> Draw(int count, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select nextval('beneficiary_number_seq') from generate_series(1, $1)");
        command.Parameters.Add(new() { Value = count });
        var numbers = new List<string>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) numbers.Add(Domain.Enrolment.BeneficiaryNumber.From(reader.GetInt64(0)));
        return numbers;
    }
}
