import { createServer, connect } from 'node:net';

/** Asks the OS for a free TCP port on loopback. */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** True when nothing listens on the port (so an app can bind it). */
export function portIsFree(port, host = '0.0.0.0') {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePromise(false));
    server.listen(port, host, () => server.close(() => resolvePromise(true)));
  });
}

/** Sends one inline Redis command and resolves with the first reply line (e.g. "+PONG"). */
export function redisCommand(url, command, timeoutMs = 2000) {
  const { hostname, port, password, username } = new URL(url);
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    let buffer = '';
    let authPending = Boolean(password);
    socket.on('connect', () => {
      if (password) socket.write(`AUTH ${username ? `${decodeURIComponent(username)} ` : ''}${decodeURIComponent(password)}\r\n`);
      socket.write(`${command}\r\n`);
    });
    socket.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        if (authPending) {
          authPending = false;
          if (line.startsWith('-')) return finish(new Error(`authentication failed: ${line.slice(1)}`));
          continue;
        }
        return finish(undefined, line);
      }
    });
    socket.on('error', (error) => finish(error));
    function finish(error, line) {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolvePromise(line);
    }
  });
}
