function tail(conn, name) {
  conn.exec(`tail -n 50 /var/log/${name}`, (err, stream) => stream.pipe(process.stdout)); // ruleid
}
