DB_PASSWORD = "correct-horse-battery"  # ruleid
client = Client(api_key="9fQ2xL7kP3mZ8vB1nR5tW4yH6jD0cA")  # ruleid
settings = {"secret_key": "x7Gk2pQ9mL4vZ8nB3rT6wY1h"}  # ruleid
EMAIL_PASSWORD = "secret"  # ruleid
def connect(user, password="Admin"):  # ruleid
    pass
def login(user, passphrase: str = "1234"):  # ruleid
    pass
def check(user, password):
    if password == "root":  # ruleid
        return True
    if "hunter2" != user.password:  # ruleid
        return False
creds = {}
creds["password"] = "blerg"  # ruleid
SECRET_KEY = 'ooo secret'  # ruleid
THE_SUPER_SECRET = 'fish'  # ruleid
PASSWORD = '111111'  # ruleid
password = "class_password"  # ruleid
import base64, binascii
DB_PASSWORD = base64.b64decode("aHVudGVyMg==").decode()  # ruleid
api_secret = binascii.unhexlify("6875e7465723273656372657421")  # ruleid
