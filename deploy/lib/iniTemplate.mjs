// Fills in a CAF INI config template (config/*.ini) for one devnet node: the values the devnet
// knows (RPC, deployment, key, proxy, store folder, ports) replace the template's, keys the
// template lacks are added to their section, and everything else stays as the template says.

/** A value in CAF's config syntax: "quoted" strings, plain numbers and booleans, [lists]. */
export function iniLiteral(value) {
  if (Array.isArray(value)) return `[${value.map(iniLiteral).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new Error(`cannot write ${typeof value} ${String(value)} into an INI config`);
}

/**
 * @param template the template's text
 * @param overrides {section: {key: value}}
 * @returns the filled-in text
 */
export function renderIni(template, overrides) {
  const pending = new Map(Object.entries(overrides).map(([section, keys]) => [section, new Map(Object.entries(keys))]));
  const out = [];
  let section = null;
  const flush = () => {
    const keys = pending.get(section);
    if (!keys) return;
    while (out.length && out.at(-1).trim() === '') out.pop(); // added keys join their section
    for (const [key, value] of keys) out.push(`${key}=${iniLiteral(value)}`);
    out.push('');
    pending.delete(section);
  };
  for (const line of template.split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      flush();
      section = header[1].trim();
      out.push(line);
      continue;
    }
    const entry = /^(\s*)([\w.-]+)(\s*=)/.exec(line);
    const keys = pending.get(section);
    if (entry && keys?.has(entry[2])) {
      out.push(`${entry[1]}${entry[2]}${entry[3]}${iniLiteral(keys.get(entry[2]))}`);
      keys.delete(entry[2]);
      continue;
    }
    out.push(line);
  }
  flush();
  for (const name of [...pending.keys()]) {
    out.push(`[${name}]`);
    section = name;
    flush();
  }
  return out.join('\n').replace(/\n*$/, '\n');
}
