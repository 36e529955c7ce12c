import subprocess


def shout(message: str) -> str:
    """Prints the message in capitals through the shell."""
    out = subprocess.run("echo " + message + " | tr a-z A-Z", shell=True, capture_output=True, text=True)
    return out.stdout.strip()
