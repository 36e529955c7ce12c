await client.query(`CREATE USER app WITH PASSWORD '${process.env.APP_PASSWORD}'`);
await knex.raw("ALTER USER 'app'@'%' IDENTIFIED BY ?", [pw]);
await client.query("CREATE USER app WITH PASSWORD '<your-password>'");
