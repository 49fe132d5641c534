namespace MutualAdmin.Domain;

public static class Ages
{
    /// <summary>Age in whole years on a date (a birthday counts from that day on).</summary>
    public static int InYears(DateOnly birthDate, DateOnly on)
    {
        var years = on.Year - birthDate.Year;
        return on < birthDate.AddYears(years) ? years - 1 : years;
    }

    /// <summary>
    /// The birth date used for age rules. Where only the year is known (estimated, or the exact date
    /// was erased with the personal data) we take 1 January, the convention of civil registries for
    /// undated births.
    /// </summary>
    public static DateOnly AssumedBirthDate(DateOnly? exact, int birthYear) =>
        exact ?? new DateOnly(birthYear, 1, 1);
}
