class Calc {
  Object run(String script) throws Exception {
    ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");
    return engine.eval(script); // ruleid
  }
}
