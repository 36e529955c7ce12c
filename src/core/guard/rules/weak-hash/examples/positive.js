const crypto = require('crypto');
const { createHash: digestOf } = require('node:crypto');
const hash = crypto.createHash('md5').update(password).digest('hex'); // ruleid
const mac = crypto.createHmac('SHA1', key); // ruleid
const viaAlias = digestOf(`md4`); // ruleid
const inPlace = require('crypto').createHash("ripemd160"); // ruleid
const web = await crypto.subtle.digest('SHA-1', data); // ruleid
