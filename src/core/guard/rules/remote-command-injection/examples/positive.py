import paramiko

def tail(client, name):
    client.exec_command("tail -n 50 /var/log/" + name)  # ruleid
