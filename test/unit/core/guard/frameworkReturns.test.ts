// Cross-site scripting through what a web framework writes for a handler, probed as an attacker would:
// a view's returned string (Flask, Bottle, FastAPI with HTMLResponse, Spring @ResponseBody and
// @RestController, JAX-RS text/html, NestJS), Express responses reached through chained calls and a
// renamed response parameter — and the safe look-alikes that must stay quiet (escaped, constant, JSON,
// text/plain, a view name, a helper that is no handler, what a query returned). Each row: file, code,
// the lines xss-response must flag (and nothing else).
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

type Row = [name: string, file: string, code: string, lines: number[]];

const nest = (body: string) => `import { Controller, Get, Post, Query, Body, Header } from '@nestjs/common';\n@Controller('x')\nexport class X {\n${body}\n}`;

const rows: Row[] = [
  ['Flask: a route with a URL parameter returns it in HTML', 'a.py', "@app.route('/u/<name>')\ndef u(name):\n    return '<b>' + name + '</b>'", [3]],
  ['Flask: the body of a (body, status) tuple', 'a.py', "@bp.route('/x')\ndef x():\n    q = request.args.get('q')\n    return '<p>%s</p>' % q, 400", [4]],
  ['Flask: a blueprint route with a decorator stacked on it', 'a.py', "@bp.post('/x')\n@login_required\ndef x():\n    return '<p>{}</p>'.format(request.form['q'])", [4]],
  ['Flask: a value built on an earlier line and returned', 'a.py', "@app.route('/x')\ndef x():\n    q = request.args['q'].strip()\n    page = f'<p>{q}</p>'\n    return page", [5]],
  ['Flask: escaped with markupsafe under an alias', 'a.py', "from markupsafe import escape as e\n@app.route('/x')\ndef x():\n    return '<p>' + e(request.args['q']) + '</p>'", []],
  ['Flask: a list is sent as JSON', 'a.py', "@app.route('/x')\ndef x():\n    return [request.args['q']]", []],
  ['Flask: a helper called by a view returns HTML, the view returns it', 'a.py', "def bold(t):\n    return '<b>' + t + '</b>'\n\n@app.route('/x')\ndef x():\n    return bold(request.args['q'])", [6]],
  ['Flask: a helper that escapes', 'a.py', "import html\ndef bold(t):\n    return '<b>' + html.escape(t) + '</b>'\n\n@app.route('/x')\ndef x():\n    return bold(request.args['q'])", []],
  ['Flask: text/plain set on the response', 'a.py', "@app.route('/x')\ndef x():\n    return Response(request.args['q'], mimetype='text/plain')", []],
  ['A decorator that is no route (celery task)', 'a.py', "@app.task\ndef t(q):\n    return '<p>' + q", []],
  ['FastAPI: HTMLResponse under the starlette path', 'a.py', "from fastapi import FastAPI\nfrom starlette.responses import HTMLResponse\n@app.get('/x')\ndef x(q: str):\n    return HTMLResponse('<p>' + q)", [5]],
  ['Spring: a class-level @ResponseBody and a mapping', 'C.java', '@Controller\n@ResponseBody\nclass C {\n  @GetMapping("/x")\n  public String x(@RequestParam("q") String q) {\n    return "<p>" + q;\n  }\n}', [6]],
  ['Spring: fully-qualified @RestController, value through a StringBuilder', 'C.java', '@org.springframework.web.bind.annotation.RestController\nclass C {\n  @RequestMapping(value = "/x", method = RequestMethod.GET)\n  public Object x(@RequestParam String q) {\n    StringBuilder sb = new StringBuilder("<p>");\n    sb.append(q);\n    return sb.toString();\n  }\n}', [7]],
  ['Spring: ResponseEntity built with status().body()', 'C.java', '@RestController\nclass C {\n  @PostMapping("/x")\n  public ResponseEntity<String> x(@RequestBody String b) {\n    return ResponseEntity.status(200).body("<p>" + b);\n  }\n}', [5]],
  ['Spring: JSON produced through the produces array', 'C.java', '@RestController\nclass C {\n  @GetMapping(value = "/x", produces = { MediaType.APPLICATION_JSON_VALUE })\n  public String x(@RequestParam String q) {\n    return "{\\"q\\":\\"" + q + "\\"}";\n  }\n}', []],
  ['Spring: a redirect view name from a @Controller is not the body', 'C.java', '@Controller\nclass C {\n  @GetMapping("/x")\n  public String x(@RequestParam String q) {\n    return "redirect:/home?q=" + q;\n  }\n}', []],
  ['Spring: a REST method returning a DTO', 'C.java', '@RestController\nclass C {\n  @GetMapping("/x")\n  public Item x(@RequestParam String q) {\n    return new Item(q);\n  }\n}', []],
  ['NestJS: a controller method returns a template string', 'x.ts', nest("  @Get('a')\n  a(@Query('q') q: string): string {\n    return `<p>${q}</p>`;\n  }"), [6]],
  ['NestJS: an object is serialised as JSON', 'x.ts', nest("  @Post('b')\n  b(@Body() body: Dto) {\n    return { echo: body.text };\n  }"), []],
  ['NestJS: text/plain header', 'x.ts', nest("  @Get('c')\n  @Header('Content-Type', 'text/plain')\n  c(@Query('q') q: string) {\n    return q;\n  }"), []],
  ['NestJS: a private method is no handler', 'x.ts', nest("  private d(q: string) {\n    return `<p>${q}</p>`;\n  }"), []],
  ['Express: a response chained through status and set', 'a.js', "app.post('/x', (req, res) => {\n  res.status(400).set('X-A', 'b').send('<p>' + req.body.q + '</p>');\n});", [2]],
  ['Express: a renamed response written with write', 'a.ts', "router.get('/x', (request: Request, out: Response) => {\n  out.write(`<p>${request.query.q}</p>`);\n  out.end();\n});", [2]],
  ['Express: JSON content type set on the response', 'a.js', "app.get('/x', (req, res) => {\n  res.set('Content-Type', 'application/json');\n  res.send(req.query.q);\n});", []],
  ['Express: a command\'s output is not the input reflected', 'a.js', "app.get('/x', (req, res) => {\n  const out = execFileSync('whois', [req.query.d]);\n  res.status(200).send(out);\n});", []],
];

describe('guard: XSS through what web frameworks write for a handler', () => {
  for (const [name, file, code, lines] of rows) {
    it(name, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === 'xss-response').map((f) => f.line);
      assert.deepEqual([...new Set(got)], lines, `xss-response on ${JSON.stringify(got)}\n${code}`);
    });
  }
});
