from flask import request, session

@app.route('/prefs')
def prefs():
    session['theme'] = request.args.get('theme')  # ruleid
    lang = request.form['lang']
    if not lang:
        lang = "en"
    session['lang'] = lang  # ruleid
    return "ok"

def view(request):
    request.session['next'] = request.GET.get('next')  # ruleid
    return HttpResponse("ok")
