import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A tiny health and metrics endpoint for container orchestrators and Prometheus. */
export async function startHealthServer(
  port: number,
  metrics: () => Record<string, number>,
): Promise<{ port: number; close(): Promise<void> }> {
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
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
