"""Password policy of the reference (§1.4): 12 to 128 characters, a digit, an uppercase letter and a
special character, and not one of the most common French passwords."""

from directory.domain.errors import InvalidField

MIN_LENGTH = 12
MAX_LENGTH = 128

# Lower-cased; the seeds' policy rejects well-known passwords even when they meet the complexity rules.
COMMON_PASSWORDS = frozenset(
    {
        "motdepasse123!",
        "azertyuiop123!",
        "azerty123456!",
        "soleil123456!",
        "bonjour123456!",
        "password1234!",
        "marseille1234!",
        "doudou123456!",
        "jetaime123456!",
        "loulou123456!",
        "chouchou1234!",
        "nicolas12345!",
        "qwertyuiop123!",
        "123456789abc!",
        "admin1234567!",
    }
)


def check_password(password: str, field: str = "password") -> None:
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise InvalidField(field, f"doit contenir entre {MIN_LENGTH} et {MAX_LENGTH} caractères")
    if not any(c.isdigit() for c in password):
        raise InvalidField(field, "doit contenir au moins un chiffre")
    if not any(c.isupper() for c in password):
        raise InvalidField(field, "doit contenir au moins une majuscule")
    if all(c.isalnum() for c in password):
        raise InvalidField(field, "doit contenir au moins un caractère spécial")
    if password.lower() in COMMON_PASSWORDS:
        raise InvalidField(field, "ce mot de passe est trop courant")
