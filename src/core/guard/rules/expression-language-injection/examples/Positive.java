class Rules {
  Object apply(String rule) {
    GroovyShell shell = new GroovyShell();
    Object r = shell.evaluate(rule); // ruleid
    ExpressionParser parser = new SpelExpressionParser();
    return parser.parseExpression(rule).getValue(); // ruleid
  }
}
