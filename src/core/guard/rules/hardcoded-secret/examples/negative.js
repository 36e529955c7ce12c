const apiKey = process.env.OPENAI_API_KEY;
const config = { password: '', passwordField: 'password', token: '<your-token>', tokenUrl: 'https://auth.example.com/token' };
const awsKey = 'AKIAIOSFODNN7EXAMPLE';
const secret = 'changeme';
