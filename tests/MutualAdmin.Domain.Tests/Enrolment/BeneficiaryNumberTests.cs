using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Domain.Tests.Enrolment;

public class BeneficiaryNumberTests
{
    [Fact]
    public void E_2_the_check_digit_is_luhn() => Assert.Equal('3', BeneficiaryNumber.CheckDigit("7992739871"));

    [Fact]
    public void E_2_a_number_is_the_padded_sequence_and_its_check_digit()
    {
        Assert.Equal("000000012344", BeneficiaryNumber.From(1234));
        Assert.True(BeneficiaryNumber.IsValid("0000 0001 2344"));
    }

    [Fact]
    public void E_2_every_single_digit_typo_is_caught()
    {
        var random = new Random(20260101);
        for (var run = 0; run < 500; run++)
        {
            var number = BeneficiaryNumber.From(random.NextInt64(1, 99_999_999_999));
            Assert.True(BeneficiaryNumber.IsValid(number));
            var position = random.Next(number.Length);
            var typo = (char)('0' + (number[position] - '0' + random.Next(1, 10)) % 10);
            Assert.False(BeneficiaryNumber.IsValid(number[..position] + typo + number[(position + 1)..]), number);
        }
    }
}
