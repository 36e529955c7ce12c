import random, secrets

session_id = secrets.token_hex(16)
delay = random.random() * 2
def randint(a, b):
    return secrets.randbelow(b - a) + a
pin = randint(0, 9999)
