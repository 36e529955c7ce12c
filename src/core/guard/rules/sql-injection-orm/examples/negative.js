router.get('/items', async (req, res) => {
  const rows = await knex('items').whereRaw('owner = ?', [req.query.owner]);
  const all = await knex('items').whereRaw('archived = false');
  res.json(rows.concat(all));
});
