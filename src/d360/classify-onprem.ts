import { entryById } from '../catalog/index.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Finding } from '../core/observation.js';
import { type Clean, codeOf, entryForCode, finding, garbage, must, textOf, type Verdict } from './verdict.js';

/** One node of a cluster's answer: a gateway status, or (a node that is not ready) the errors it answers instead. */
interface Node {
  readonly id: string;
  /** `errors` when the node answers an errors[] list instead of a gateway_status. */
  readonly status: string;
  readonly role: string;
  readonly errors?: readonly Record<string, unknown>[];
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
    const role = typeof node?.role === 'string' ? node.role : 'coreapp';
    // A node that is not ready (Wacore not instantiated, say) answers its own errors[] where a gateway_status
    // would be: {"errors": [{"code": 1011, "title": "Service not ready", "details": …}]}. Seen in the test
    // fixtures of sacrebleu/teleport (spec/lib/stats/health_spec.rb), a monitor of On-Premise clusters.
    const errors = Array.isArray(node?.errors)
      ? node.errors.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      : [];
    if (typeof node === 'object' && node !== null && typeof node.gateway_status !== 'string' && errors.length > 0) {
      nodes.push({ id: clean(id, 60), status: 'errors', role, errors });
      continue;
    }
    if (typeof node !== 'object' || node === null || typeof node.gateway_status !== 'string')
      return garbage(`node ${clean(id, 60)} has no gateway_status`);
    if (!gatewayEntry(node.gateway_status))
      return garbage(`unknown gateway_status ${JSON.stringify(clean(node.gateway_status, 40))} on ${clean(id, 60)}`);
    nodes.push({ id: clean(id, 60), status: node.gateway_status, role });
  }
  if (nodes.length === 0) return garbage('the health object lists no nodes');
  return { findings: classifyNodes(nodes, clean) };
}

/**
 * A node answering errors is not connected: each of its codes as the catalog explains it (1011: not ready, the
 * number not registered on that node); a code the catalog does not know is still a node that is not ready. While
 * another node holds the connection the cluster still sends, so it is a warning then (no failover, one shard less).
 */
function notReadyFindings(node: Node, othersConnected: boolean, clean: Clean): Finding[] {
  const cap = othersConnected ? 'warning' : undefined;
  return (node.errors ?? []).map((error) => {
    const code = codeOf(error.code);
    const said = [textOf(error.title ?? ''), textOf(error.details ?? '')].filter(Boolean).join(': ');
    const detail = clean(`${node.id} (${node.role}) answers errors instead of a gateway status: ${code ?? '?'} ${said}`);
    const entry = code === undefined ? undefined : entryForCode(code, 'onprem');
    return finding(entry ?? must('gateway-uninitialized'), detail, cap);
  });
}

/**
 * High availability: one Coreapp holds the connection and every other node, the primary master
 * included, reports disconnected — normal. Multiconnect: the primary master and every shard
 * Coreapp are connected. So a connected primary master means every Coreapp should be connected too.
 */
function classifyNodes(nodes: readonly Node[], clean: Clean): Finding[] {
  const list = (status: string) => nodes.filter((n) => n.status === status);
  const connected = list('connected');
  const findings: Finding[] = [];
  for (const n of list('unregistered')) findings.push(finding(must('gateway-unregistered'), `${n.id} (${n.role}) is unregistered`));
  for (const n of list('errors')) findings.push(...notReadyFindings(n, connected.length > 0, clean));
  if (connected.length === 0) {
    if (findings.length > 0) return findings; // unregistered or not ready says it all
    const worst = list('disconnected').length === 0 && list('uninitialized').length > 0 ? 'gateway-uninitialized' : 'gateway-disconnected';
    return [finding(must(worst), `no node is connected: ${nodes.map((n) => `${n.id} ${n.status}`).join(', ')}`)];
  }
  const multiconnect = connected.some((n) => n.role === 'primary_master');
  if (multiconnect) {
    // Unregistered and not-ready nodes have their findings already.
    const down = nodes.filter((n) => n.role === 'coreapp' && !['connected', 'unregistered', 'errors'].includes(n.status));
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
