# The policy alone in a file: nothing else names host keys.
from paramiko import client

ssh_client = client.SSHClient()
ssh_client.set_missing_host_key_policy(client.AutoAddPolicy)  # ruleid
ssh_client.set_missing_host_key_policy(client.WarningPolicy())  # ruleid
