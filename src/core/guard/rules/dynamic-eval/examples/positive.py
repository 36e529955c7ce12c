import sys

def calc(expression):
    return eval(expression)  # ruleid

code = sys.argv[1]
exec(code)  # ruleid
exec("x = " + input())  # ruleid
