import requests

r = requests.get(url, verify=False)  # ruleid
session = requests.Session()
session.verify = False  # ruleid
client = httpx.Client(
    verify=False,  # ruleid
)
es = Elasticsearch("https://es:9200", verify_certs=False)  # ruleid
