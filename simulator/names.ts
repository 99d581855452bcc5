/** Deterministic Kubernetes-style object names (ReplicaSet and pod suffixes) derived from the workload's identity. */
import { Workload } from './topology';

// Kubernetes' suffix alphabet (no vowels, no ambiguous characters).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bit: stable across runs and platforms. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function suffix(seed: string, length: number): string {
  let h = fnv1a(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    if (h === 0) {
      h = fnv1a(seed + out);
    }
    out += ALPHABET[h % ALPHABET.length];
    h = Math.floor(h / ALPHABET.length);
  }
  return out;
}

export function replicaSetName(w: Pick<Workload, 'cluster' | 'namespace' | 'name'>): string {
  return `${w.name}-${suffix(`${w.cluster}/${w.namespace}/${w.name}`, 10)}`;
}

/** One pod per desired replica (a deployment scaled to zero has none; a crash-looping one keeps its pods). */
export function podNames(w: Workload): string[] {
  const rs = replicaSetName(w);
  const pods: string[] = [];
  for (let i = 0; i < w.replicas.desired; i++) {
    pods.push(`${rs}-${suffix(`${rs}#${i}`, 5)}`);
  }
  return pods;
}
