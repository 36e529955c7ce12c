class Hello extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.getWriter().println("<h1>Hello " + Encode.forHtml(request.getParameter("name")) + "</h1>");
  }
}

@RestController
class Greeting {
  @GetMapping("/escaped")
  public String escaped(@RequestParam String name) {
    return "<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>";
  }

  @GetMapping(value = "/plain", produces = MediaType.TEXT_PLAIN_VALUE)
  public String plain(@RequestParam String name) {
    return name;
  }

  @GetMapping(value = "/json", produces = "application/json")
  public String json(@RequestParam String name) {
    return "{\"name\": \"" + name + "\"}";
  }

  @GetMapping("/count")
  public int count(@RequestParam String name) {
    return name.length();
  }

  @GetMapping("/constant")
  public String constant(@RequestParam String name) {
    return "<h1>Hello</h1>";
  }

  // Not a handler: its return goes wherever its caller puts it.
  private String bold(String text) {
    return "<b>" + text + "</b>";
  }
}

// A @Controller method without @ResponseBody returns a view name.
@Controller
class Views {
  @GetMapping("/home")
  public String home(@RequestParam String name, Model model) {
    model.addAttribute("name", name);
    return "home";
  }
}

@Path("/r")
class Resource {
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String json(@QueryParam("q") String q) {
    return "{\"q\": \"" + q + "\"}";
  }
}
