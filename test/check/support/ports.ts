// Binds a UDP socket and a TCP server to one free loopback port, as a DNS server needs. The UDP
// port is picked first; when another process already holds that TCP port (test files run in
// parallel), both are given up and another port is tried.
import * as dgram from 'node:dgram';
import type * as net from 'node:net';

export async function bindUdpAndTcp(address: string, makeUdp: () => dgram.Socket, tcp: net.Server): Promise<{ udp: dgram.Socket; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const udp = makeUdp();
    await new Promise<void>((resolve) => udp.bind(0, address, () => resolve()));
    const port = udp.address().port;
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, address, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, port };
    } catch (e) {
      await new Promise<void>((r) => udp.close(() => r()));
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw e;
    }
  }
}
