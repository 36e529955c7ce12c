// Owns how a shell command is judged before it runs: split into simple commands (outside quotes),
// with substitution and file redirection found; each simple command checked against the
// allow-list, a built-in read-only list and a forbid list. Ordered decisions: allow < ask < forbid;
// the strictest part wins.
export type Decision = 'allow' | 'ask' | 'forbid';

export interface CommandVerdict {
  decision: Decision;
  reason: string;
}

export interface ParsedCommand {
  /** The simple commands, split at ; && || | & and newlines. */
  parts: string[];
  /** `$(...)`, backticks or process substitution. */
  substitution: boolean;
  /** Output written to a file (`>`, `>>`, `&>`, `tee`), not counting `2>&1` or `>/dev/null`. */
  redirectsToFile: boolean;
}

/** Splits a command line the way a POSIX shell would, as far as policy needs. */
export function parseCommand(command: string): ParsedCommand {
  const parts: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  let substitution = false;
  let redirectsToFile = false;
  const push = () => {
    if (cur.trim()) parts.push(cur.trim());
    cur = '';
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    const next = command[i + 1];
    if (quote) {
      if (c === '\\' && quote === '"') {
        cur += c + (next ?? '');
        i++;
        continue;
      }
      if (quote === '"' && (c === '`' || (c === '$' && next === '('))) substitution = true;
      if (c === quote) quote = undefined;
      cur += c;
      continue;
    }
    if (c === '\\') {
      cur += c + (next ?? '');
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if (c === '`' || (c === '$' && next === '(') || ((c === '<' || c === '>') && next === '(')) substitution = true;
    if (c === ';' || c === '\n' || c === '|' || c === '&') {
      if (c === '&' && (command[i - 1] === '>' || next === '>')) {
        cur += c;
        continue;
      }
      push();
      if ((c === '|' || c === '&') && next === c) i++;
      continue;
    }
    if (c === '>') {
      const rest = command.slice(i + 1).replace(/^>/, '').trimStart();
      const fdDup = /^&\d/.test(rest) || command[i + 1] === '&';
      if (!fdDup && !/^\/dev\/null\b/.test(rest)) redirectsToFile = true;
    }
    cur += c;
  }
  push();
  if (parts.some((p) => /^(sudo\s+)?tee\b/.test(p))) redirectsToFile = true;
  return { parts, substitution, redirectsToFile };
}

/** Read-only commands that run without asking in every mode (unless redirected or substituted). */
const READ_ONLY: RegExp[] = [
  /^(ls|pwd|cat|head|tail|wc|echo|printf|which|whoami|date|tree|stat|file|du|df|env --help|true|false)(\s|$)/,
  /^(grep|egrep|fgrep|rg)\s/,
  /^find\s(?!.*\s-(exec|execdir|delete|ok|fprint))/,
  /^git\s+(status|diff|log|show|branch|rev-parse|ls-files|blame|remote -v)(\s|$)/,
];

const FORBIDDEN: Array<[RegExp, string]> = [
  [/^(sudo|doas|su)\s/, 'runs as another user'],
  [/^rm\s+(-[a-z]*r[a-z]*f|-[a-z]*f[a-z]*r|-r\s+-f|-f\s+-r)[a-z]*\s+(\/|~|\$HOME|\*)(\s|$)/i, 'deletes the whole disk or home folder'],
  [/^(mkfs|fdisk|parted|shutdown|reboot|halt|poweroff)(\.|\s|$)/, 'changes disks or stops the machine'],
  [/^dd\s.*\bof=\/dev\//, 'writes to a raw device'],
  [/:\(\)\s*\{\s*:\|:&\s*\};:/, 'a fork bomb'],
  [/^chmod\s+(-R\s+)?777\s+\/(\s|$)/, 'opens up the whole disk'],
];

function matchesAllowEntry(part: string, entry: string): boolean {
  const e = entry.trim().replace(/\s+\*$/, '');
  if (!e) return false;
  const p = part.replace(/\s+/g, ' ');
  return p === e || p.startsWith(e + ' ');
}

/** Judges a command: forbid (never runs), allow (runs without asking), or ask. */
export function classifyCommand(command: string, allowed: string[]): CommandVerdict {
  const compact = command.trim();
  if (!compact) return { decision: 'forbid', reason: 'the command is empty' };
  for (const [re, why] of FORBIDDEN) {
    if (re.test(compact.replace(/\s+/g, ' '))) return { decision: 'forbid', reason: `the command ${why}` };
  }
  const parsed = parseCommand(compact);
  for (const part of parsed.parts) {
    for (const [re, why] of FORBIDDEN) if (re.test(part)) return { decision: 'forbid', reason: `the command ${why}` };
  }
  if (parsed.substitution) return { decision: 'ask', reason: 'the command contains command substitution' };
  if (parsed.redirectsToFile) return { decision: 'ask', reason: 'the command writes its output to a file' };
  const notAllowed = parsed.parts.filter((p) => !allowed.some((a) => matchesAllowEntry(p, a)) && !READ_ONLY.some((re) => re.test(p)));
  if (notAllowed.length === 0) return { decision: 'allow', reason: parsed.parts.length > 1 ? 'every part of the command is allowed' : 'the command is allowed' };
  return { decision: 'ask', reason: `"${notAllowed[0]}" is not in tandem.agent.allowedCommands` };
}
