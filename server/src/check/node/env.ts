// The Node implementation of the checker's environment: the one place that opens sockets
// (node:dgram, node:net, node:tls) and asks node:dns for the system resolvers.
import { hostname } from 'node:os';
import type { CheckEnv } from '../env';
import { connectTcp } from './connection';
import { queryDns } from './dnsClient';

export interface NodeEnvOptions {
  /** Overrides the EHLO default (the machine's host name). */
  readonly hostName?: string;
}

/** Creates the environment that reaches the real network through Node's sockets. */
export function createNodeEnv(options: NodeEnvOptions = {}): CheckEnv {
  return {
    dnsQuery: queryDns,
    connect: connectTcp,
    now: () => Date.now(),
    hostName: () => options.hostName ?? (hostname() || 'localhost'),
  };
}
