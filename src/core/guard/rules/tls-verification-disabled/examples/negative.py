import requests

r = requests.get(url, verify="ca.pem")
r2 = requests.get(url, verify=True)
form.validate(verify=False)
