// Owns warming the guard before its first scan: the grammar of the workspace's main language (the
// most common one among the files at its root and in src/) is loaded, and a small text in it is
// scanned (the rules' patterns compile, the engine's code warms up), and so is a caller of a helper it
// imports (the cross-file pass), while the first model request is out — instead of after the first
// edit, when the edit waits for it.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GrammarName } from '../syntax/treeSitter';
import { grammarOf } from './engine/languages';
import { warmParser } from './engine/parse';
import { scanTextWithImports } from './importedHelpers';
import { scanText } from './scan';

/** A few lines that reach the taint engine's source, sink and format paths in each language. */
const SAMPLES: Partial<Record<GrammarName, [string, string]>> = {
  typescript: ['warm.ts', "import { exec } from 'node:child_process';\nexport function run(req: { query: { a: string } }): void {\n  const a = req.query.a;\n  exec(`ls ${a}`);\n}\n"],
  tsx: ['warm.tsx', "export function View(props: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: props.html }} />;\n}\n"],
  javascript: ['warm.js', "const { exec } = require('child_process');\nfunction run(req) {\n  const a = req.query.a;\n  exec('ls ' + a);\n}\nmodule.exports = { run };\n"],
  python: ['warm.py', 'import subprocess\n\ndef run(request):\n    a = request.args.get("a")\n    subprocess.call("ls " + a, shell=True)\n'],
  java: ['Warm.java', 'class Warm {\n  void run(String a) throws Exception {\n    Runtime.getRuntime().exec("ls " + a);\n  }\n}\n'],
};

/**
 * A helper file and a caller that imports it: scanning the caller with its imports warms the
 * cross-file pass (the helper's summaries) that every proposed change goes through.
 */
const IMPORTING: Partial<Record<GrammarName, [helper: string, helperText: string, caller: string, callerText: string]>> = {
  typescript: ['warmHelper.ts', "import { exec } from 'node:child_process';\nexport function runIt(cmd: string): void {\n  exec(`sh -c ${cmd}`);\n}\n", 'warmCaller.ts', "import { runIt } from './warmHelper';\n\nexport function go(req: { query: { a: string } }): string {\n  runIt(req.query.a);\n  return `ok ${req.query.a}`;\n}\n"],
  tsx: ['warmHelper.tsx', "import { exec } from 'node:child_process';\nexport function runIt(cmd: string): void {\n  exec(`sh -c ${cmd}`);\n}\n", 'warmCaller.tsx', "import { runIt } from './warmHelper';\n\nexport function go(req: { query: { a: string } }): string {\n  runIt(req.query.a);\n  return `ok ${req.query.a}`;\n}\n"],
  javascript: ['warmHelper.js', "const { exec } = require('child_process');\nfunction runIt(cmd) {\n  exec('sh -c ' + cmd);\n}\nmodule.exports = { runIt };\n", 'warmCaller.js', "const { runIt } = require('./warmHelper');\n\nfunction go(req) {\n  runIt(req.query.a);\n  return `ok ${req.query.a}`;\n}\nmodule.exports = { go };\n"],
  python: ['warm_helper.py', 'import subprocess\n\ndef run_it(cmd):\n    subprocess.call("sh -c " + cmd, shell=True)\n', 'warm_caller.py', 'from .warm_helper import run_it\n\ndef go(request):\n    run_it(request.args.get("a"))\n    return f"ok {request.args.get(\'a\')}"\n'],
};

/** The grammar most files at the root and in src/ are written in, or undefined. */
export async function mainGrammar(root: string): Promise<GrammarName | undefined> {
  const names = [...(await fs.readdir(root).catch(() => [])), ...(await fs.readdir(path.join(root, 'src')).catch(() => []))];
  const counts = new Map<GrammarName, number>();
  for (const n of names) {
    const g = grammarOf(n);
    if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Loads the main grammar and scans samples in it, in the background; never fails (a scan loads what
 * it needs anyway). Stops between its steps once `signal` is aborted: a task that ended first does not
 * wait for it to exit.
 */
export async function warmGuard(root: string, signal?: AbortSignal): Promise<void> {
  const g = await mainGrammar(root);
  if (!g || signal?.aborted) return;
  await warmParser(g).catch(() => undefined);
  const sample = SAMPLES[g];
  if (sample && !signal?.aborted) await scanText(sample[0], sample[1]).catch(() => undefined);
  const importing = IMPORTING[g];
  if (importing && !signal?.aborted) {
    const [helper, helperText, caller, callerText] = importing;
    await scanTextWithImports(caller, callerText, async (p) => (p === helper ? helperText : undefined)).catch(() => undefined);
  }
}
