class Hello extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.getWriter().println("<h1>Hello " + request.getParameter("name") + "</h1>"); // ruleid
  }
}

@RestController
class Greeting {
  @GetMapping("/greet")
  public String greet(@RequestParam String name) {
    return "<h1>Hello " + name + "</h1>"; // ruleid
  }

  @PostMapping("/echo")
  public ResponseEntity<String> echo(@RequestBody String body) {
    return ResponseEntity.ok("<p>" + body + "</p>"); // ruleid
  }
}

@Controller
class Pages {
  @RequestMapping("/page")
  @ResponseBody
  public String page(HttpServletRequest request) {
    String q = request.getParameter("q");
    return String.format("<p>%s</p>", q); // ruleid
  }
}

@Path("/r")
class Resource {
  @GET
  @Produces(MediaType.TEXT_HTML)
  public String html(@QueryParam("q") String q) {
    return "<p>" + q + "</p>"; // ruleid
  }
}
