class Rules {
  Object apply(String name) {
    GroovyShell shell = new GroovyShell();
    shell.setVariable("name", name);
    Object r = shell.evaluate("name.toUpperCase()");
    ExpressionParser parser = new SpelExpressionParser();
    return parser.parseExpression("1 + 1").getValue();
  }
}
