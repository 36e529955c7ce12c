from django.db.models.expressions import RawSQL

def search(request):
    term = request.GET['q']
    qs = Item.objects.raw("SELECT * FROM items WHERE name = '%s'" % term)  # ruleid
    qs2 = Item.objects.annotate(v=RawSQL("SELECT v FROM t WHERE k = " + term, []))  # ruleid
    qs3 = Item.objects.extra(where=["name = '%s'" % term])  # ruleid
    return qs, qs2, qs3
