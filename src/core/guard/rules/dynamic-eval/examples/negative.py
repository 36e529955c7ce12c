import ast

def calc(text):
    value = ast.literal_eval(text)
    eval(f"x = 1")
    exec("print('hello')")
    return value
