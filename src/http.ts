import type { AddressInfo } from "node:net";

/** `http://host:port` for the address a server really bound (IPv6 in brackets). */
export function boundUrl(address: AddressInfo): string {
  const host = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
