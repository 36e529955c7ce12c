class C { void f(Cookie c) { c.setSecure(false); } } // ruleid
