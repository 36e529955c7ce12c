class Y { Object f(String s) { return new Yaml(new SafeConstructor(new LoaderOptions())).load(s); } }
