const c = crypto.createCipher('aes-256-cbc', password); // ruleid
const d = crypto.createCipheriv('des-ede3', key, iv); // ruleid
