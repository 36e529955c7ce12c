const express = require('express');
const cookieParser = require('cookie-parser');
const crypto = require('crypto');
const app = express();
app.use(cookieParser(process.env.COOKIE_SECRET));
app.use(cookieParser());
const sig = crypto.createHmac('sha256', key).update(body).digest('hex');
const sequelize = new Sequelize('shop', 'shop', process.env.DB_PASSWORD);
const local = new Sequelize('sqlite::memory:');
request(app).get('/admin').auth('admin', '');
request(app).get('/admin').auth(user, pass);
app.use(cookieParser(`${process.env.COOKIE_SECRET}`));
class Store {
  constructor(user, password) { this.pool = mysql.createPool({ user, password }); }
}
const store = new Store('app', process.env.DB_PASSWORD);
async function signIn(page, username, password) { await page.type('#pw', password); }
signIn(page, 'admin', `${process.env.ADMIN_PASSWORD}`);
signIn(page, 'admin', '');

db.query('UPDATE users SET password = $2 WHERE id = $1', [1, hash]);
db.query('UPDATE users SET name = ? WHERE id = ?', ['bob', 1]);
