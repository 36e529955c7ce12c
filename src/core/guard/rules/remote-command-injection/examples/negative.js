function tail(conn) {
  conn.exec('uptime', (err, stream) => stream.pipe(process.stdout));
}
