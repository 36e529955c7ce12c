const express = require('express');
const cookieParser = require('cookie-parser');
const crypto = require('crypto');
const app = express();
app.use(cookieParser('my secret here')); // ruleid
const sig = crypto.createHmac('sha256', 'keyboard cat').update(body).digest('hex'); // ruleid
const sequelize = new Sequelize('shop', 'shop', 'sh0pPass'); // ruleid
request(app).get('/admin').auth('admin', 'hunter2'); // ruleid
app.use(cookieParser(`cookie-s3cret`)); // ruleid
class Store {
  constructor(user, password) { this.pool = mysql.createPool({ user, password }); }
}
const store = new Store('app', 'app'); // ruleid
async function signIn(page, username, password) { await page.type('#pw', password); }
signIn(page, 'admin', 'admin1'); // ruleid

db.query('UPDATE users SET password = $2 WHERE id = $1', [1, 'letmein']); // ruleid
