const apiKey = 'sk-proj-abcdefghijklmnopqrstuvwx1234'; // ruleid
const config = {
  password: 'correct-horse-battery', // ruleid
  clientSecret: 'a8F3kL9qZ2xV7mN4pR6tY1wB', // ruleid
};
