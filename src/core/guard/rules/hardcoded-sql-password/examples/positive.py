cur.execute("CREATE USER reporter WITH PASSWORD 'rep0rt'")  # ruleid
cur.execute('ALTER ROLE app PASSWORD \'hunter2\'')  # ruleid
