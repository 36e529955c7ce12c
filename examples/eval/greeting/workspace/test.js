const { greet } = require('./greet');

const got = greet('Ada');
if (got !== 'Hello, Ada!') {
  console.log(`greet('Ada') should be "Hello, Ada!", got ${JSON.stringify(got)}`);
  console.log('1 failing');
  process.exit(1);
}
console.log('1 passing');
