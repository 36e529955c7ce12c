import os
DB_PASSWORD = os.environ["DB_PASSWORD"]
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
client = Client(api_key=os.getenv("API_KEY"))
PASSWORD_PROMPT = "Enter your password: "
token_type = "bearer"
PASSWORD_TO_GITHUB = 'password'
password = ""
def connect(user, password=None):
    pass
def check(user, password):
    if password == "":
        return False
    if user.password_scheme == "bcrypt":
        return True
form_errors = {"password": "Password is required"}
creds = {}
creds["password"] = os.environ["DB_PASSWORD"]
db_password = "DB_PASSWORD"
secret = "/run/secrets/db"
PASSWORD_MASK = "******"
password = "%(password)s"
SECRET_PROMPT = "Enter the secret:"
password = "string"
secret = "xxxxxxxx"
SECRET_KEY = 'dev'
import base64
DB_PASSWORD = base64.b64decode(os.environ["DB_PASSWORD_B64"]).decode()
password = hashlib.sha256("salt".encode()).hexdigest()
