import ldap
from ldap3 import Connection

def find(conn, user):
    return conn.search_s("ou=people", ldap.SCOPE_SUBTREE, "(uid=%s)" % user)  # ruleid

def formatted(conn, user):
    flt = "(&(uid={})(objectClass=person))".format(user)
    return conn.search_s("ou=people", ldap.SCOPE_SUBTREE, flt)  # ruleid

def ldap3_keyword(server, user):
    c = Connection(server)
    c.search("ou=people", search_filter=f"(uid={user})")  # ruleid

def joined(c, user):
    parts = ["(uid=", user, ")"]
    c.search("ou=people", "".join(parts))  # ruleid
