class C { void f(Cookie c) { c.setHttpOnly(true); } }
