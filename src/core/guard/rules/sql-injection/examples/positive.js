const express = require('express');
const app = express();
app.get('/user', (req, res) => {
  db.query("SELECT * FROM users WHERE name = '" + req.query.name + "'"); // ruleid
  const id = req.params.id;
  const sql = `SELECT * FROM orders WHERE id = ${id}`;
  connection.query(sql, (err, rows) => res.json(rows)); // ruleid
});
function byName(name) {
  let q = 'SELECT * FROM users WHERE name = ';
  q += "'" + name + "'";
  return pool.query(q); // ruleid
}
