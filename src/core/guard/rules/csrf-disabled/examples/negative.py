from django.views.decorators.csrf import csrf_protect

@csrf_protect
def transfer(request):
    pass
WTF_CSRF_ENABLED = True
