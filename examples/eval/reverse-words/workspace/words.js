function reverseWords(text) {
  throw new Error('not implemented');
}

module.exports = { reverseWords };
