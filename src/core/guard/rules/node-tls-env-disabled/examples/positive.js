process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // ruleid
process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0; // ruleid
spawn('node', ['x.js'], { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } }); // ruleid
