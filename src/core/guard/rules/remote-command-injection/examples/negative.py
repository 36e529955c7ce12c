import paramiko, shlex

def tail(client, name):
    client.exec_command("tail -n 50 /var/log/" + shlex.quote(name))
    client.exec_command("uptime")
