app.get('/user', (req, res) => {
  db.query('SELECT * FROM users WHERE name = ?', [req.query.name]);
  const sql = 'SELECT * FROM orders WHERE id = $1';
  pool.query(sql, [req.params.id]);
  db.query('SELECT ' + 'id FROM users');
  db.query('SELECT * FROM t WHERE id = ' + parseInt(req.query.id, 10));
  console.log('SELECT * FROM users WHERE id = ' + req.query.id);
  cache.get(key);
});
async function moveRef(git, ref, commit) {
  await git.run(['update-ref', ref, commit]);
}
