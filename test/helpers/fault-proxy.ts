/**
 * A loopback HTTP proxy that forwards every request to one test server (S3, S3 Control or GitHub)
 * unchanged, headers included (SigV4 signatures stay valid), and breaks the requests a test picks:
 * a body that stops after its headers, a body served at a trickle, a connection cut half-way through
 * a response or an upload, a request that is never answered, or an answer made up on the spot.
 *
 *   const proxy = await startFaultProxy(s3.endpoint);
 *   proxy.inject({ method: "GET", path: /\/data\//, fault: { kind: "reset-body", afterFraction: 0.5 } });
 *   // point the client (AWS_ENDPOINT_URL_S3, GITHUB_API_URL) at proxy.url
 *   proxy.hits();   // the requests each fault was applied to
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  /** Forward the response's headers and its first bytes, then send nothing more (the connection stays open). */
  | { kind: "stall-body"; afterBytes?: number; afterFraction?: number }
  /** Forward the response body at this many bytes per second. */
  | { kind: "slow-body"; bytesPerSecond: number }
  /** Forward the response's headers and its first bytes, then cut the connection. */
  | { kind: "reset-body"; afterBytes?: number; afterFraction?: number }
  /** Forward this many bytes of the request body, then cut the connection (an upload that breaks off). */
  | { kind: "reset-upload"; afterBytes?: number; afterFraction?: number }
  /** Never answer. `forward`: the server still gets (and acts on) the request; its answer is dropped. */
  | { kind: "hang"; forward: boolean }
  /** Answer this instead of forwarding. */
  | { kind: "respond"; status: number; headers?: Record<string, string>; body?: string };

export interface FaultRule {
  method?: string;
  /** Tested against the path and query, e.g. /\/repos\/[^/]+\/[^/]+\/pulls$/. */
  path?: RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Matching requests let through first (default 0). */
  skip?: number;
  fault: Fault;
}

export interface ProxyHit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  fault: Fault["kind"] | undefined;
}

export interface FaultProxy {
  url: string;
  port: number;
  inject(rule: FaultRule): void;
  /** Drops every rule not used up yet. */
  clear(): void;
  hits(): ProxyHit[];
  stop(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const rules: { rule: FaultRule; left: number; skip: number }[] = [];
  const hits: ProxyHit[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = "";

  const take = (req: IncomingMessage): Fault | undefined => {
    const entry = rules.find(({ rule, left }) => left > 0 && (rule.method === undefined || rule.method === req.method) && (rule.path === undefined || rule.path.test(req.url ?? "")));
    if (entry === undefined) return undefined;
    if (entry.skip > 0) {
      entry.skip--;
      return undefined;
    }
    entry.left--;
    return entry.rule.fault;
  };

  const server = createServer((req, res) => {
    const fault = take(req);
    hits.push({ method: req.method ?? "GET", path: req.url ?? "/", headers: { ...req.headers }, fault: fault?.kind });
    if (fault?.kind === "respond") {
      req.resume();
      res.writeHead(fault.status, { "content-type": "application/json; charset=utf-8", ...fault.headers });
      res.end(fault.body ?? "");
      return;
    }
    if (fault?.kind === "hang" && !fault.forward) {
      req.resume();
      return;
    }
    const upstream = httpRequest({ host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (fault?.kind === "hang") {
        answer.resume();
        return;
      }
      respond(answer, res, fault);
    });
    upstream.on("error", () => res.destroy());
    if (fault?.kind === "reset-upload") {
      const limit = cut(fault, Number(req.headers["content-length"] ?? 0));
      let sent = 0;
      req.on("data", (chunk: Buffer) => {
        if (sent >= limit) return;
        const part = chunk.subarray(0, limit - sent);
        sent += part.length;
        upstream.write(part);
        if (sent >= limit) {
          upstream.destroy();
          req.socket.destroy();
        }
      });
      return;
    }
    req.pipe(upstream);
  });

  /** Sends the upstream answer to the client, broken as `fault` says. */
  const respond = (answer: IncomingMessage, res: ServerResponse, fault: Fault | undefined): void => {
    const headers = { ...answer.headers };
    if (typeof headers.link === "string") headers.link = headers.link.split(target.replace(/\/+$/, "")).join(origin);
    res.writeHead(answer.statusCode ?? 502, headers);
    if (fault === undefined) {
      answer.pipe(res);
      return;
    }
    const total = Number(answer.headers["content-length"] ?? 0);
    if (fault.kind === "stall-body" || fault.kind === "reset-body") {
      const limit = cut(fault, total);
      // The headers go out now even when no body byte follows.
      res.flushHeaders();
      let sent = 0;
      answer.on("data", (chunk: Buffer) => {
        if (sent >= limit) return;
        const part = chunk.subarray(0, limit - sent);
        sent += part.length;
        res.write(part);
        // Cut a moment later, so the client has read the headers and the bytes sent: a break in the body, not before it.
        if (sent >= limit && fault.kind === "reset-body") {
          const timer = setTimeout(() => res.socket?.destroy(), 50);
          timers.add(timer);
        }
      });
      return;
    }
    if (fault.kind === "slow-body") {
      const slice = Math.max(1, Math.floor(fault.bytesPerSecond / 10));
      const pending: Buffer[] = [];
      let ended = false;
      answer.on("data", (chunk: Buffer) => pending.push(chunk));
      answer.on("end", () => (ended = true));
      const timer = setInterval(() => {
        let budget = slice;
        while (budget > 0 && pending.length > 0) {
          const head = pending[0]!;
          const part = head.subarray(0, budget);
          res.write(part);
          budget -= part.length;
          if (part.length === head.length) pending.shift();
          else pending[0] = head.subarray(part.length);
        }
        if (ended && pending.length === 0) {
          clearInterval(timer);
          timers.delete(timer);
          res.end();
        }
      }, 100);
      timers.add(timer);
      res.on("close", () => {
        clearInterval(timer);
        timers.delete(timer);
      });
      return;
    }
    answer.pipe(res);
  };

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    port,
    inject: (rule) => void rules.push({ rule, left: rule.times ?? 1, skip: rule.skip ?? 0 }),
    clear: () => void rules.splice(0),
    hits: () => hits.map((hit) => ({ ...hit })),
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function cut(fault: { afterBytes?: number; afterFraction?: number }, total: number): number {
  if (fault.afterBytes !== undefined) return fault.afterBytes;
  return Math.floor(total * (fault.afterFraction ?? 0.5));
}
