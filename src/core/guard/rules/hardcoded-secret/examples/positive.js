const apiKey = 'sk-proj-abcdefghijklmnopqrstuvwx1234'; // ruleid
const config = {
  password: 'correct-horse-battery', // ruleid
  clientSecret: 'a8F3kL9qZ2xV7mN4pR6tY1wB', // ruleid
};
app.use(session({ secret: 'keyboard cat', resave: false })); // ruleid
const cookieOpts = { secret: 'shhhh, very secret' }; // ruleid
function login(user, password = 'letmein') {} // ruleid
if (req.body.password === 'admin') grant(); // ruleid
if ('s3cr3t!' == token.secret) grant(); // ruleid
opts['password'] = 'blerg'; // ruleid
const db = { user: 'db_user', password: 'secret' }; // ruleid
const admin = { password: `s3cr3t-admin` }; // ruleid
const dbPassword = Buffer.from('aHVudGVyMg==', 'base64').toString(); // ruleid
const sessionSecret = atob('a2V5Ym9hcmQgY2F0'); // ruleid
