import random, string
from random import randint

session_id = random.randint(0, 10**9)  # ruleid
def make_password(n=12):
    return "".join(random.choice(string.ascii_letters) for _ in range(n))  # ruleid
pin = randint(0, 9999)  # ruleid
