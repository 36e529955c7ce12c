import random, secrets, string

session_id = secrets.token_hex(16)
delay = random.random() * 2
def randint(a, b):
    return secrets.randbelow(b - a) + a
pin = randint(0, 9999)
def reset_code():
    rnd = random.SystemRandom()
    return "".join(rnd.choice(string.digits) for _ in range(8))
def api_key():
    rng = random.Random(7)
    rng = secrets.SystemRandom()
    return rng.getrandbits(128)
