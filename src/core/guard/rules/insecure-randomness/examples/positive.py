import random, string

session_id = random.randint(0, 10**9)  # ruleid
def make_password(n=12):
    return "".join(random.choice(string.ascii_letters) for _ in range(n))  # ruleid
