router.get('/items', async (req, res) => {
  const rows = await knex('items').whereRaw(`owner = '${req.query.owner}'`); // ruleid
  const sorted = await prisma.$queryRawUnsafe('SELECT * FROM items ORDER BY ' + req.query.sort); // ruleid
  res.json({ rows, sorted });
});
