class Calc {
  Object run() throws Exception {
    ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");
    return engine.eval("1 + 1");
  }
}
