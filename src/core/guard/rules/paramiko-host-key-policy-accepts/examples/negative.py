import paramiko


class Reject(paramiko.MissingHostKeyPolicy):
    def missing_host_key(self, client, hostname, key):
        raise paramiko.SSHException("unknown host key for %s" % hostname)


class Prompt(paramiko.MissingHostKeyPolicy):
    def missing_host_key(self, client, hostname, key):
        if not ask_user(hostname, key.get_fingerprint()):
            raise paramiko.SSHException("rejected by the user")
        client.get_host_keys().add(hostname, key.get_name(), key)


class Unrelated:
    def missing_host_key(self, client, hostname, key):
        return
