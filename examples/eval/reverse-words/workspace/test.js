const { reverseWords } = require('./words');

const cases = [['one two three', 'three two one'], ['solo', 'solo'], ['  spaced   out  ', 'out spaced']];
let failing = 0;
for (const [input, expected] of cases) {
  let got;
  try {
    got = reverseWords(input);
  } catch (err) {
    got = `threw ${err.message}`;
  }
  if (got !== expected) {
    failing++;
    console.log(`reverseWords(${JSON.stringify(input)}) should be ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  }
}
console.log(failing ? `${failing} failing` : `${cases.length} passing`);
process.exit(failing ? 1 : 0);
