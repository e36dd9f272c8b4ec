const colors = { platform: 36, redis: 31, postgres: 34, realtime: 35, api: 32, worker: 33, web: 94, test: 36 };
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

/** A `[name] ` prefix, coloured on a terminal, padded so columns line up. */
export function prefix(name) {
  const label = `[${name}]`.padEnd(11);
  return useColor ? `\x1b[${colors[name] ?? 37}m${label}\x1b[0m ` : `${label} `;
}

/** Logs a line from the orchestration scripts themselves. */
export function say(name, message) {
  process.stdout.write(`${prefix(name)}${message}\n`);
}

/** Pipes a child's output to ours, line by line, with its prefix. */
export function pipeLines(stream, name, target = process.stdout) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) if (line.length > 0) target.write(`${prefix(name)}${line}\n`);
  });
  stream.on('end', () => {
    if (rest.length > 0) target.write(`${prefix(name)}${rest}\n`);
  });
}
