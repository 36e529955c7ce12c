import paramiko
from paramiko import MissingHostKeyPolicy


class AcceptPolicy(paramiko.MissingHostKeyPolicy):
    def missing_host_key(self, client, hostname, key):  # ruleid
        return


class LoggingPolicy(MissingHostKeyPolicy):
    def missing_host_key(self, client, hostname, key):  # ruleid
        log.warning("unknown host key for %s", hostname)
        client.get_host_keys().add(hostname, key.get_name(), key)


class Quiet(paramiko.client.WarningPolicy):
    @staticmethod
    def missing_host_key(client, hostname, key):  # ruleid
        pass
