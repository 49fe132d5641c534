namespace MutualAdmin.Web.Platform;

/// <summary>
/// What a staff password must be beyond its length: not the username, not one thing repeated, not a
/// run like 1234567890, not one of the passwords everybody tries first (with digits or signs around
/// it, or letters written as digits). Sign-ins are throttled and locked out, so these rules only
/// have to keep out what the first few guesses of anyone would find.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 200;

    /// <summary>
    /// The most common passwords and their stems (lower case, letters only), in English and French.
    /// Most are shorter than ten characters: they are refused with digits or signs around them.
    /// </summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password", "passwords", "passe", "motdepasse", "secret", "admin", "administrator", "administrateur",
        "welcome", "bienvenue", "letmein", "iloveyou", "jetaime", "changeme", "default", "login", "user",
        "utilisateur", "test", "testing", "qwerty", "qwertyuiop", "azerty", "azertyuiop", "asdfghjkl", "qsdfghjklm",
        "zxcvbnm", "wxcvbn", "abc", "abcdef", "sunshine", "princess", "football", "baseball", "dragon", "monkey",
        "master", "superman", "batman", "starwars", "trustno", "whatever", "computer", "internet", "shadow",
        "soleil", "bonjour", "doudou", "chouchou", "senegal", "dakar", "mutuelle", "mutualadmin",
        "qazwsx", "qazwsxedc", "qweasdzxc", "qwaszx", "zaqxsw",
    };

    /// <summary>Common ones that are not a word with digits around it.</summary>
    private static readonly HashSet<string> CommonWhole = new(StringComparer.Ordinal)
    {
        "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4t5", "1qaz2wsx3edc", "1qazxsw23edc", "123qweasdzxc", "0987654321",
    };

    /// <returns>Why the password is refused (for the `password` field), or null when it is acceptable.</returns>
    public static string? Refusal(string? username, string password)
    {
        if (password.Length < MinimumLength) return $"must be at least {MinimumLength} characters";
        if (password.Length > MaximumLength) return $"must be at most {MaximumLength} characters";
        var lower = password.ToLowerInvariant();
        if (UsernameIn(username, lower)) return "must not contain the username";
        if (IsRepeated(lower)) return "must not be one character or a few characters repeated";
        if (IsRun(lower)) return "must not be a run of characters such as 1234567890 or abcdefghij";
        if (CommonWhole.Contains(lower) || Common.Contains(Stem(lower))) return "is one of the most common passwords; a few unrelated words make a better one";
        return null;
    }

    /// <summary>The whole username, or the part before its @ when that is long enough to mean something.</summary>
    private static bool UsernameIn(string? username, string password)
    {
        var name = username?.Trim().ToLowerInvariant() ?? "";
        if (name.Length == 0) return false;
        var local = name.Split('@')[0];
        return password.Contains(name, StringComparison.Ordinal) || (local.Length >= 4 && password.Contains(local, StringComparison.Ordinal));
    }

    /// <summary>"aaaaaaaaaa", "abababababab", "abcdabcdabcd": the same piece again and again, or barely three characters in all.</summary>
    private static bool IsRepeated(string password)
    {
        if (password.Distinct().Count() <= 3) return true;
        for (var piece = 1; piece <= password.Length / 2; piece++)
        {
            if (password.Length % piece != 0) continue;
            var first = password.AsSpan(0, piece);
            var repeated = true;
            for (var at = piece; at < password.Length && repeated; at += piece)
                repeated = password.AsSpan(at, piece).SequenceEqual(first);
            if (repeated) return true;
        }
        return false;
    }

    /// <summary>Each character the one after (or before) the previous, digits going round: 1234567890, abcdefghijk, 9876543210.</summary>
    private static bool IsRun(string password)
    {
        static char Next(char c) => c == '9' ? '0' : (char)(c + 1);
        bool upwards = true, downwards = true;
        for (var i = 1; i < password.Length; i++)
        {
            upwards &= password[i] == Next(password[i - 1]);
            downwards &= password[i - 1] == Next(password[i]);
        }
        return upwards || downwards;
    }

    /// <summary>"P@ssw0rd2026!" → "password": without digits and signs around it, digits and signs within read as letters.</summary>
    private static string Stem(string password)
    {
        var stem = password.Trim("0123456789!?.,;:-_+=*#&%$@/\\|~^'\"`()[]{}<> ".ToCharArray());
        return string.Concat(stem.Select(c => c switch
        {
            '@' or '4' => 'a', '3' => 'e', '1' or '!' => 'i', '0' => 'o', '$' or '5' => 's', '7' => 't', _ => c,
        }));
    }
}
