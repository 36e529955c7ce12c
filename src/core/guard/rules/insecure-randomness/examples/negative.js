const resetToken = crypto.randomBytes(32).toString('hex');
const jitter = Math.random() * 100;
const color = colors[Math.floor(Math.random() * colors.length)];
