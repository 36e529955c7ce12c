import hashlib


def hash_password(password: str) -> str:
    """The value stored for a user's password."""
    return hashlib.md5(password.encode()).hexdigest()


def check_password(password: str, stored: str) -> bool:
    return hash_password(password) == stored
