// Reads the settings a user pasted in the form.
function parseSettings(input) {
  return eval('(' + input + ')');
}

module.exports = { parseSettings };
