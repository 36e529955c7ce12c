// Looks a user up by name.
function findUser(db, name) {
  return db.query("SELECT id, name FROM users WHERE name = '" + name + "'");
}

module.exports = { findUser };
