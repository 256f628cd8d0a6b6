import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { NodeSSH } from "node-ssh";
import type { Duplex } from "node:stream";

/** A local port that reaches a port on the target's loopback, through the SSH connection. */
export interface PortForward {
  /** `http://127.0.0.1:<local port>`: what load and scrapes from this machine use. */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (a free port) and forwards each connection over SSH to 127.0.0.1:`port` on
 * the target, so a service bound to the VM's loopback is reachable from here and no traffic
 * leaves the two loopbacks and the SSH connection.
 */
export async function openPortForward(ssh: NodeSSH, port: number): Promise<PortForward> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    ssh.forwardOut("127.0.0.1", 0, "127.0.0.1", port).then(
      // ssh2's Channel is a Duplex stream (its own types are not installed).
      (opened) => {
        const channel = opened as unknown as Duplex;
        socket.pipe(channel).pipe(socket);
        channel.on("error", () => socket.destroy());
        socket.on("error", () => channel.destroy());
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const local = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${local}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
