import importlib

PLUGINS = {"a": "plugins.a"}

def plugin(name):
    mod = importlib.import_module(PLUGINS["a"])
    return mod.run()
