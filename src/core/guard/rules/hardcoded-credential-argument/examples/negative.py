import os
import smtplib
import requests
from requests.auth import HTTPBasicAuth
server = smtplib.SMTP_SSL("smtp.gmail.com", 465)
server.login("alerts@corp.io", os.environ["SMTP_PASSWORD"])
ftp.login("anonymous", "")
ftp.login()
r = requests.get(url, auth=("admin", password))
r = requests.get(url, auth=HTTPBasicAuth(user, os.getenv("API_PASSWORD")))
r = requests.get(url, auth=("admin", "<your-password>"))
point = ("x", "y")

def connect_db(host, user, password):
    return pymysql.connect(host=host, user=user, password=password)

connect_db("db", "app", os.environ["DB_PASSWORD"])
connect_db("db", "app", "")
connect_db("db", "app", password="<password>")

cur.execute("UPDATE users SET password = %s WHERE name = %s", (new_password, "bob"))
cur.execute("UPDATE users SET name = %s WHERE password = ''", ("bob",))
