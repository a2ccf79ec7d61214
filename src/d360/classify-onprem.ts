import { entryById } from '../catalog/index.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Finding } from '../core/observation.js';
import { type Clean, finding, garbage, must, type Verdict } from './verdict.js';

interface Node {
  readonly id: string;
  readonly status: string;
  readonly role: string;
}

function gatewayEntry(status: string): CatalogEntry | undefined {
  return entryById(`gateway-${status}`);
}

/** On-Premise: {"health": {"gateway_status"}} or, with several nodes, {"health": {"host:container": {...}}}. */
export function classifyOnprem(body: unknown, clean: Clean): Verdict {
  const health = (body as { health?: unknown } | null)?.health as Record<string, unknown> | undefined;
  if (typeof health !== 'object' || health === null) return garbage('the answer has no health object');

  if (typeof health.gateway_status === 'string') {
    const entry = gatewayEntry(health.gateway_status);
    if (!entry) return garbage(`unknown gateway_status ${JSON.stringify(clean(health.gateway_status, 40))}`);
    return { findings: entry.id === 'gateway-connected' ? [] : [finding(entry)] };
  }

  const nodes: Node[] = [];
  for (const [id, value] of Object.entries(health)) {
    const node = value as Record<string, unknown> | null;
    if (typeof node !== 'object' || node === null || typeof node.gateway_status !== 'string')
      return garbage(`node ${clean(id, 60)} has no gateway_status`);
    if (!gatewayEntry(node.gateway_status))
      return garbage(`unknown gateway_status ${JSON.stringify(clean(node.gateway_status, 40))} on ${clean(id, 60)}`);
    nodes.push({ id: clean(id, 60), status: node.gateway_status, role: typeof node.role === 'string' ? node.role : 'coreapp' });
  }
  if (nodes.length === 0) return garbage('the health object lists no nodes');
  return { findings: classifyNodes(nodes) };
}

/**
 * High availability: one Coreapp holds the connection and every other node, the primary master
 * included, reports disconnected — normal. Multiconnect: the primary master and every shard
 * Coreapp are connected. So a connected primary master means every Coreapp should be connected too.
 */
function classifyNodes(nodes: readonly Node[]): Finding[] {
  const list = (status: string) => nodes.filter((n) => n.status === status);
  const connected = list('connected');
  const findings: Finding[] = [];
  for (const n of list('unregistered')) findings.push(finding(must('gateway-unregistered'), `${n.id} (${n.role}) is unregistered`));
  if (connected.length === 0) {
    if (findings.length > 0) return findings; // unregistered says it all
    const worst = list('disconnected').length === 0 && list('uninitialized').length > 0 ? 'gateway-uninitialized' : 'gateway-disconnected';
    return [finding(must(worst), `no node is connected: ${nodes.map((n) => `${n.id} ${n.status}`).join(', ')}`)];
  }
  const multiconnect = connected.some((n) => n.role === 'primary_master');
  if (multiconnect) {
    const down = nodes.filter((n) => n.role === 'coreapp' && n.status !== 'connected' && n.status !== 'unregistered');
    if (down.length > 0) {
      const total = nodes.filter((n) => n.role === 'coreapp').length;
      findings.push(
        finding(
          must('gateway-disconnected'),
          `${down.length} of ${total} shards not connected: ${down.map((n) => `${n.id} ${n.status}`).join(', ')}`,
          'warning',
        ),
      );
    }
  }
  return findings;
}
