def search(request):
    term = request.GET['q']
    qs = Item.objects.raw("SELECT * FROM items WHERE name = %s", [term])
    qs2 = Item.objects.annotate(v=RawSQL("SELECT v FROM t WHERE k = %s", (term,)))
    qs3 = Item.objects.filter(name=term)
    return qs, qs2, qs3
