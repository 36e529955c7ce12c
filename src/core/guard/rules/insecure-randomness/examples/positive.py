import random, string
from random import randint

session_id = random.randint(0, 10**9)  # ruleid
def make_password(n=12):
    return "".join(random.choice(string.ascii_letters) for _ in range(n))  # ruleid
pin = randint(0, 9999)  # ruleid
def reset_code_weak():
    rnd = random.Random()
    return "".join(rnd.choice(string.digits) for _ in range(8))  # ruleid
def api_key_weak():
    rng = random.SystemRandom()
    rng = random.Random(7)
    return rng.getrandbits(128)  # ruleid
