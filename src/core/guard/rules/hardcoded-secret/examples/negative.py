import os
DB_PASSWORD = os.environ["DB_PASSWORD"]
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
client = Client(api_key=os.getenv("API_KEY"))
PASSWORD_PROMPT = "Enter your password: "
token_type = "bearer"
