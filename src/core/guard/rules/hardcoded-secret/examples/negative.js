const apiKey = process.env.OPENAI_API_KEY;
const config = { password: '', passwordField: 'password', token: '<your-token>', tokenUrl: 'https://auth.example.com/token' };
const awsKey = 'AKIAIOSFODNN7EXAMPLE';
const secret = 'changeme';
app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));
const messages = { password: 'Password must be at least 8 characters', secret: 'Enter the secret:' };
function login(user, password = '') {}
if (req.body.password === '') reject();
if (field.type === 'password') mask();
opts['password'] = process.env.PASSWORD;
const schema = { password: 'string', secret: 'required' };
const db = { user: 'db_user', password: 'password' };
const env = { secret: 'SESSION_SECRET' };
const built = { password: `${process.env.PREFIX}-admin` };
const dbPassword = Buffer.from(process.env.DB_PASSWORD_B64, 'base64').toString();
const secretLabel = Buffer.from('secret', 'utf8').toString('hex');
const password = String('');
