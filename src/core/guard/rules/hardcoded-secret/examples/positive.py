DB_PASSWORD = "correct-horse-battery"  # ruleid
client = Client(api_key="9fQ2xL7kP3mZ8vB1nR5tW4yH6jD0cA")  # ruleid
settings = {"secret_key": "x7Gk2pQ9mL4vZ8nB3rT6wY1h"}  # ruleid
