class Y { Object f(String s) { return new Yaml().load(s); } } // ruleid
