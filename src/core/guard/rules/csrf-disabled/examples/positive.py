from django.views.decorators.csrf import csrf_exempt

@csrf_exempt  # ruleid
def transfer(request):
    pass
WTF_CSRF_ENABLED = False  # ruleid
