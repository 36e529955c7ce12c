// Every Java request source of the guard's vocabulary, each alone, reaching three sinks (the session,
// a redirect, a response header) as a servlet writes it: the request under any name, inline in the
// sink, passed on through a local, a chained call on what the source returns. Dropping any source
// from the table (getHeader included) fails its rows; constants and values the application chose
// stay quiet.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

const servlet = (body: string, req = 'request') => `class S extends HttpServlet {\n  public void doGet(HttpServletRequest ${req}, HttpServletResponse response) throws Exception {\n${body}\n  }\n}`;

/** Each source call as a servlet writes it; `R` is the request's name. */
const SOURCES = [
  'R.getHeader("X-Forwarded-For")',
  'R.getHeaders("Accept").nextElement()',
  'R.getParameter("q")',
  'R.getParameterValues("q")[0]',
  'R.getParameterMap().get("q")[0]',
  'R.getParameterNames().nextElement()',
  'R.getQueryString()',
  'R.getCookies()[0].getValue()',
  'R.getPathInfo()',
  'R.getRequestURI()',
  'R.getRequestURL().toString()',
  'R.getRemoteUser()',
  'R.getReader().readLine()',
  'R.getPart("f").getName()',
];

// Sinks that only request data trips (the shell and SQL rules also flag any non-constant value, so
// they would pass with a source missing from the table).
const SINKS: Array<[rule: string, line: (v: string) => string]> = [
  ['trust-boundary-violation', (v) => `request.getSession().setAttribute("k", ${v});`],
  ['open-redirect', (v) => `response.sendRedirect(${v});`],
  ['header-injection', (v) => `response.setHeader("X-Value", ${v});`],
];

const flagged = async (code: string, rule: string) => (await scanText('S.java', code)).some((f) => f.ruleId === rule);

describe('guard: Java request sources', () => {
  for (const src of SOURCES) {
    for (const [rule, sink] of SINKS) {
      it(`${src.replace('R.', 'request.')} reaches ${rule}`, async () => {
        for (const req of ['request', 'req', 'httpRequest']) {
          const direct = servlet(`String v = ${src.replace('R', req)};\n${sink('v')}`, req);
          assert.ok(await flagged(direct, rule), direct);
        }
        const inline = servlet(sink(src.replace('R', 'request')));
        assert.ok(await flagged(inline, rule), inline);
        const passedOn = servlet(`String w = ${src.replace('R', 'request')};\nString v = w.trim();\n${sink('v')}`);
        assert.ok(await flagged(passedOn, rule), passedOn);
      });
    }
  }

  it('a constant and a value the application chose are not flagged', async () => {
    for (const [rule, sink] of SINKS) {
      for (const v of ['"example.com"', 'String.valueOf(42)', 'helper()', 'request.getContextPath()', 'request.getXyz("h")']) {
        const code = servlet(`String v = ${v};\n${sink('v')}`);
        assert.equal(await flagged(code, rule), false, code);
      }
    }
  });
});
