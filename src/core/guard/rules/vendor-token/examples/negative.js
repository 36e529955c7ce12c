fetch(url, { headers: { Authorization: `Bearer ${process.env.SLACK_TOKEN}` } });
const stripe = require('stripe')(process.env.STRIPE_KEY);
const prefix = 'sk-';
