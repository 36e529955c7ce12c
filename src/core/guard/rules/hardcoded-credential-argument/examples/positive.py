import smtplib
import requests
from requests.auth import HTTPBasicAuth
server = smtplib.SMTP_SSL("smtp.gmail.com", 465)
server.login("alerts@corp.io", "GzwB5oWmN5nL6GTFvfU5iQqD")  # ruleid
ftp.login("deploy", "d3pl0y")  # ruleid
r = requests.get(url, auth=("admin", "admin123"))  # ruleid
r = requests.get(url, auth=HTTPBasicAuth("admin", "letmein"))  # ruleid
r = requests.get(url, auth=requests.auth.HTTPDigestAuth("admin", "letmein"))  # ruleid
ftp.login("sa", "sa")  # ruleid
r = requests.get(url, auth=("admin", "password"))  # ruleid

def connect_db(host, user, password):
    return pymysql.connect(host=host, user=user, password=password)

connect_db("db", "app", "app")  # ruleid
connect_db("db", "app", password="s3cret")  # ruleid

cur.execute("UPDATE users SET password = %s WHERE name = %s", ("hunter2", "bob"))  # ruleid
