class Mail {
  String body(String tpl, VelocityContext ctx) {
    StringWriter w = new StringWriter();
    Velocity.evaluate(ctx, w, "mail", tpl); // ruleid
    return w.toString();
  }
}
