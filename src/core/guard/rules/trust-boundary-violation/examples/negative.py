from flask import request, session

@app.route('/prefs')
def prefs():
    theme = request.args.get('theme')
    session['visited'] = True
    session['theme'] = "dark" if theme in ALLOWED_THEMES else "light"
    session['count'] = int(request.args.get('n', '0'))
    return "ok"
