const resetToken = Math.random().toString(36).slice(2); // ruleid
function generateSessionId() {
  return Math.floor(Math.random() * 1e16).toString(16); // ruleid
}
