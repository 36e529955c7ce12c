cur.execute(f"CREATE USER reporter WITH PASSWORD '{password}'")
cur.execute("CREATE USER reporter WITH PASSWORD %s", (password,))
cur.execute("ALTER ROLE app PASSWORD '%s'" % password)
cur.execute("UPDATE users SET password = 'x' WHERE id = 1")
