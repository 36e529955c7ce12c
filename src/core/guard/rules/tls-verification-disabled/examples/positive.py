import requests

r = requests.get(url, verify=False)  # ruleid
session = requests.Session()
session.verify = False  # ruleid
client = httpx.Client(
    verify=False,  # ruleid
)
