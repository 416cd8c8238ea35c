/**
 * The work behind `paycard web [--port N]` (loaded when it runs): serves the offline page (built into dist/browser/web) on 127.0.0.1
 * only, prints its address, and runs until Ctrl-C. The server answers GET and HEAD for the
 * page's own files and nothing else; requests naming another host are refused (DNS rebinding).
 * Every answer carries a Content-Security-Policy that forbids the page any network request.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../exit.js';
import { out } from '../output.js';

/** Port tried when `--port` is not given; a free one is taken if it is busy. */
export const DEFAULT_PORT = 8454;

/** The policy sent with every answer; the page's <meta> repeats it. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** dist/browser/web beside this file's compiled form (dist/cli/commands/web.js). */
function pageDir(): string {
  return fileURLToPath(new URL('../../browser/web/', import.meta.url));
}

/** The page's files, read once: path -> body and type. */
function loadPage(dir: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw Object.assign(new Error(`the offline page is not built (run npm run build)`), {
      code: 'ENOENT',
      path: dir,
    });
  }

  for (const name of names) {
    const type = TYPES[extname(name)];
    if (type) files.set(`/${name}`, { body: readFileSync(join(dir, name)), type });
  }
  if (!files.has('/index.html')) {
    throw Object.assign(new Error('the offline page is not built'), {
      code: 'ENOENT',
      path: join(dir, 'index.html'),
    });
  }
  files.set('/', files.get('/index.html')!);
  return files;
}

function answer(
  res: ServerResponse,
  status: number,
  type: string,
  body: Buffer | string,
  head = false,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : body);
}

/** A server for the page's files; the caller listens on 127.0.0.1. */
export function pageServer(files: Map<string, { body: Buffer; type: string }>): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const port = (req.socket.localPort ?? 0).toString();
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      answer(res, 421, 'text/plain; charset=utf-8', 'this server only answers http://127.0.0.1\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'text/plain; charset=utf-8', 'only GET and HEAD\n');
      return;
    }

    const path = (req.url ?? '/').split('?')[0];
    if (path === '/favicon.ico') {
      res.writeHead(204, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY }).end();
      return;
    }
    const file = files.get(path);
    if (!file) {
      answer(res, 404, 'text/plain; charset=utf-8', 'not found\n', req.method === 'HEAD');
      return;
    }
    answer(res, 200, file.type, file.body, req.method === 'HEAD');
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function runWeb(options: { port?: string }): Promise<number> {
  const files = loadPage(pageDir());

  const explicit = options.port !== undefined;
  const wanted = explicit ? Number(options.port) : DEFAULT_PORT;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
    throw Object.assign(new Error(`--port expects 0..65535, got "${options.port}"`), {
      code: 'EINVAL',
    });
  }

  const server = pageServer(files);
  let port: number;
  try {
    port = await listen(server, wanted);
  } catch (e) {
    if (explicit || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    port = await listen(server, 0);
  }

  out(`paycard web: http://127.0.0.1:${port}/`);
  out('Serving on this machine only; the page sends nothing anywhere. Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.OK;
}
