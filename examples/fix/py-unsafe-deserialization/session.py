import base64
import pickle


def save_session(data: dict) -> str:
    """The session as a cookie value."""
    return base64.b64encode(pickle.dumps(data)).decode()


def load_session(cookie: str) -> dict:
    """The session read back from the cookie the browser sent."""
    return pickle.loads(base64.b64decode(cookie))
