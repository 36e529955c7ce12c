class Mail {
  String body(VelocityContext ctx) {
    StringWriter w = new StringWriter();
    Velocity.evaluate(ctx, w, "mail", "Hello $name");
    return w.toString();
  }
}
