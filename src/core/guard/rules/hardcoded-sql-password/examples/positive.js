await client.query("CREATE USER app WITH PASSWORD 'appP4ss'"); // ruleid
await knex.raw(`ALTER USER 'app'@'%' IDENTIFIED BY 'pa55word'`); // ruleid
