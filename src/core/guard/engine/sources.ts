// Owns the taint vocabulary shared by all rules, per language: where untrusted input comes from
// (request objects, argv, stdin, environment, Lambda events, handler parameters), which calls build
// text (format functions), which only pass a value through (str(), trim(), toString()), and which
// make any value harmless for every rule (numeric conversions). Rule-specific sinks and sanitisers
// live in the rule folders.
import type { GuardLanguage } from '../rules/types';
import type { Param } from './syntax';

export interface Vocabulary {
  /** Regex on an expression's text (no spaces), anchored at the start: the expression is untrusted input. */
  source: RegExp;
  /** Callee regex: the call's result is clean for every rule (numbers, booleans, hashes). */
  neutral: RegExp;
  /** Callee regex: the call builds text from its receiver and arguments (formatting, joining). */
  format: RegExp;
  /** Callee regex: the call returns its receiver/arguments' text, changed but not cleaned. */
  passthrough: RegExp;
  /** Callee regex: the call looks up an element of its receiver by key (the key does not flow into the result). */
  lookup: RegExp;
  /** Callee regex: the call appends its arguments into the receiver (mutates it). */
  append: RegExp;
  /** The parameter of a route handler that is the response object (`(rq, rs) => rs.send(…)`): it means `res` to the sinks. */
  response?(all: Param[], fnName: string): string | undefined;
  /** Whether a parameter of a function is untrusted input (handler-shaped functions); `bases` are its class's bases. */
  taintedParam(p: Param, all: Param[], fnName: string, decorators: string, bases: string): boolean;
  /**
   * Request-handler classes (a Tornado `RequestHandler`, `http.server`'s `BaseHTTPRequestHandler`): in the
   * methods of a class whose bases match `bases`, `source` is untrusted input too (`self.path`, `self.rfile`).
   */
  handler?: { bases: RegExp; source: RegExp };
}

/** Callees that register a route handler (Express, Fastify, Restify, hapi-style routers; `app.route('/x').get`). */
const JS_ROUTE = /^(?:app|router|server|api|routes?|fastify|restify|express\.Router\(\))(?:\.route\([^)]*\))?\.(?:get|post|put|patch|delete|del|all|head|options)$/;

const JS: Vocabulary = {
  source:
    /^(?:(?:req|request|ctx\.request|ctx|c\.req)\.(?:body|query|params|param|headers|header|cookies|signedCookies|url|originalUrl|path|files?|hostname|ip|json|parseBody|formData|get\(|header\(|param\()|process\.(?:argv|env)|location\.(?:hash|search|href)|document\.(?:cookie|location|URL)|window\.location|event\.(?:body|queryStringParameters|pathParameters|headers|multiValueQueryStringParameters)|prompt\(|readline\.question|(?:util\.)?parseArgs\()/i,
  neutral: /^(?:parseInt|parseFloat|Number|Boolean|Math\.\w+|Number\.\w+|isNaN|encodeURIComponent|escape|crypto\.createHash|\w+\.(?:length|indexOf|includes|test|hash|digest)|(?:validator\.)?(?:isInt|isNumeric|toInt)|JSON\.stringify)$/,
  format: /^(?:(?:util\.)?format|sprintf|vsprintf)$|\.(?:concat|join|replace(?:All)?|padStart|padEnd|repeat)$/,
  passthrough: /(?:^(?:String|Array\.from|decodeURIComponent|decodeURI|unescape|Buffer\.from|atob|btoa|path\.(?:join|resolve|normalize)|JSON\.parse|Object\.assign|Object\.values|Object\.keys)$|\.(?:trim|trimStart|trimEnd|toLowerCase|toUpperCase|toString|valueOf|slice|substring|substr|split|map|filter|at|get|toLocaleString|normalize|flat|concat)$)/,
  lookup: /\.(?:get|has)$/,
  append: /\.(?:push|unshift|append|add|set|write|concat)$/,
  response: (all, fnName) => (all.length >= 2 && JS_ROUTE.test(fnName) ? all[1].name : undefined),
  taintedParam: (p, all, fnName) =>
    /^(?:req|request)$/.test(p.name) ||
    // A function registered as a route (`app.get('/x', (r, s) => …)`, `router.post`, `fastify.put`): its first parameter is the request.
    (all[0] === p && !/^(?:ctx|c|context|next|err|error)$/.test(p.name) && JS_ROUTE.test(fnName)) ||
    (p.name === 'event' && (/handler|lambda/i.test(fnName) || all.some((q) => q.name === 'context'))) ||
    // A GraphQL resolver: (parent, args, context, info).
    (p.name === 'args' && all.length >= 2 && /^(?:parent|root|obj|_\w*|source)$/.test(all[0].name) && all[1] === p) ||
    // NestJS: @Body(), @Query(), @Param(), @Headers(), @Req().
    /@(?:Body|Query|Param|Params|Headers|Req|Request|Cookies|UploadedFile)\s*\(/.test(p.annotations),
};

/** Bases of request-handler classes: Tornado's RequestHandler and WebSocketHandler, http.server's and socketserver's handlers. */
const PY_HANDLER = /(?:^|[\s(.,])\w*(?:RequestHandler|WebSocketHandler)\b/;

const PYTHON: Vocabulary = {
  source:
    /^(?:(?:flask\.|bottle\.)?request\.(?:args|form|values|json|get_json|GET|POST|data|headers|cookies|files|query_params|body|params|path|full_path|url|match_info|query|content|environ|META|FILES)|sys\.argv|input\(|raw_input\(|os\.environ|os\.getenv\(|sys\.stdin|self\.request\.(?:GET|POST|body|query_params|data|headers|arguments|get_argument)|self\.get_argument\(|event\[|event\.get\()/,
  neutral: /^(?:int|float|bool|len|abs|round|hash|uuid\.UUID|hashlib\.\w+|ord|isinstance|type|id)$/,
  format: /(?:^(?:\w+\.)?format$|\.(?:format|join|replace|format_map|__add__)$|^(?:string\.Template\(.*\)\.substitute)$)/,
  passthrough: /(?:^(?:str|repr|unicode|bytes|list|tuple|dict|set|sorted|reversed|os\.path\.join|os\.path\.normpath|os\.path\.abspath|urllib\.parse\.unquote|unquote|base64\.b64decode|json\.loads|Path|pathlib\.Path)$|\.(?:strip|lstrip|rstrip|lower|upper|title|capitalize|encode|decode|split|splitlines|get|getlist|pop|copy|items|values|keys|read|readline|readlines|getvalue|casefold|expandtabs|zfill|center|ljust|rjust|partition|rpartition|resolve|absolute|joinpath)$)/,
  lookup: /\.(?:get|setdefault)$/,
  append: /\.(?:append|extend|insert|add|update|write)$/,
  taintedParam: (p, all, fnName, decorators, bases) =>
    // Flask/FastAPI (`@app.route`), Bottle (`@get("/x/<name>")`, `@route(…)`): the route's parameters come from the URL.
    (/\.(?:route|get|post|put|patch|delete|api_route|websocket)\s*\(|@api_view|@(?:app|bp|blueprint|router|api)\.|@(?:route|get|post|put|patch|delete)\s*\(\s*['"]/.test(decorators) && p.name !== 'request') ||
    // Tornado: `def get(self, slug)` of a RequestHandler gets the URL pattern's groups.
    (PY_HANDLER.test(bases) && /^(?:get|post|put|patch|delete|head|options|open|on_message)$/.test(fnName)) ||
    p.name === 'request' ||
    (p.name === 'event' && (/handler|lambda/i.test(fnName) || all.some((q) => q.name === 'context'))),
  handler: {
    bases: PY_HANDLER,
    source: /^self\.(?:path|headers|rfile|request\.(?:uri|path|query|body|arguments|query_arguments|body_arguments|files|headers|cookies|recv)|get_(?:argument|arguments|body_argument|body_arguments|query_argument|query_arguments|cookie|secure_cookie)\(|path_args|path_kwargs)/,
  },
};

const JAVA: Vocabulary = {
  source:
    /(?:^|\.)(?:getParameter|getParameterValues|getParameterMap|getParameterNames|getHeader|getHeaders|getQueryString|getCookies|getInputStream|getReader|getPathInfo|getRequestURI|getRequestURL|getRemoteUser|getPart|getParts)\($|^(?:System\.getenv|System\.getProperty|System\.console\(\)\.readLine|console\.readLine|\w*[sS]canner\.next\w*|\w*[rR]eader\.readLine)\($|^System\.in$/,
  neutral: /^(?:Integer\.(?:parseInt|valueOf)|Long\.(?:parseLong|valueOf)|Double\.(?:parseDouble|valueOf)|Float\.parseFloat|Boolean\.(?:parseBoolean|valueOf)|UUID\.fromString|\w+\.(?:length|size|hashCode|equals|isEmpty|contains|matches))$/,
  format: /^(?:String\.format|String\.join|MessageFormat\.format|\w+\.(?:formatted|concat|replace|replaceAll|join))$/,
  passthrough: /(?:^(?:String\.valueOf|Objects\.toString|new String|new StringBuilder|new StringBuffer|Paths\.get|Path\.of|URLDecoder\.decode|new File|new ProcessBuilder|Arrays\.asList|List\.of|CommandLine\.parse|ResponseEntity\.ok|new ResponseEntity)$|^ResponseEntity\.[\w.()]*\.body$|\.(?:trim|strip|toLowerCase|toUpperCase|toString|substring|getBytes|split|get|getOrDefault|getValue|getName|toPath|resolve|normalize|getAbsolutePath|getCanonicalPath|intern|charAt)$)/,
  lookup: /\.(?:get|getOrDefault|containsKey)$/,
  append: /\.(?:append|add|addAll|put|insert|write)$/,
  taintedParam: (p, all, fnName, decorators) =>
    /@(?:RequestParam|PathVariable|RequestBody|RequestHeader|CookieValue|QueryParam|PathParam|FormParam|HeaderParam|MatrixParam|ModelAttribute)\b/.test(p.annotations) ||
    // Spring binds a handler method's unannotated simple parameters to request parameters of the same name.
    (/@(?:Get|Post|Put|Patch|Delete|Request)Mapping\b/.test(decorators) && /^\s*(?:final\s+)?(?:String|String\[\]|List<String>|Optional<String>|MultipartFile)\s*$/.test(p.annotations)) ||
    (fnName === 'main' && p.name === 'args' && all.length === 1),
};

export const VOCABULARY: Record<GuardLanguage, Vocabulary> = { js: JS, python: PYTHON, java: JAVA };
