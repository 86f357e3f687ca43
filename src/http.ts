import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** `http://host:port` for the address a server really bound (IPv6 in brackets). */
export function boundUrl(address: AddressInfo): string {
  const host = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** A tiny health and metrics endpoint for container orchestrators and Prometheus, on `host` only. */
export async function startHealthServer(
  port: number,
  host: string,
  metrics: () => Record<string, number>,
): Promise<{ port: number; url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    } else if (req.url === "/metrics") {
      const body = Object.entries(metrics())
        .map(([name, value]) => `paperbot_${name} ${value}`)
        .join("\n");
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(`${body}\n`);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    url: boundUrl(address),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
