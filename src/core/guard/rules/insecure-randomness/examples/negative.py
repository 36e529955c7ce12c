import random, secrets

session_id = secrets.token_hex(16)
delay = random.random() * 2
