import ldap
from ldap.filter import escape_filter_chars, filter_format

def find(conn, user):
    return conn.search_s("ou=people", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(user))

def formatted(conn, user):
    return conn.search_s("ou=people", ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [user]))

def ldap3_keyword(c, user):
    c.search("ou=people", search_filter="(uid={})".format(escape_filter_chars(user)))
