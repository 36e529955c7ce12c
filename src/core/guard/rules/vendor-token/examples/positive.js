fetch(url, { headers: { Authorization: 'Bearer xoxb-2048-1024-AbCdEfGhIjKlMnOp' } }); // ruleid
const stripe = require('stripe')('rk_live_51HqLyjWDarjtT1zdp7dcX'); // ruleid
