/**
 * Injected faults, consumed by the dispatcher one call at a time.
 */
import type { Fault, Faults } from '../types.js';

interface Armed {
  fault: Fault;
  remaining: number;
}

export class FaultBook implements Faults {
  /** `onCut(userId)` closes the user's live connections (the server knows them; the book does not). */
  constructor(private readonly onCut: (userId: bigint) => void = () => {}) {}

  private readonly byMethod = new Map<string, Armed[]>();
  private silent = false;
  /** Users whose devices cannot reach the DC (cutOff). */
  private readonly cut = new Set<bigint>();
  /** Calls that reached fault injection, by method: what a client really sent, faulted or not. */
  private readonly seen = new Map<string, number>();

  inject(method: string, fault: Fault): void {
    const remaining = fault.times ?? 1;
    if (!(remaining > 0)) return;
    const list = this.byMethod.get(method) ?? [];
    list.push({ fault, remaining });
    this.byMethod.set(method, list);
  }

  silencePings(silent: boolean): void {
    this.silent = silent;
  }

  cutOff(userId: bigint, cut: boolean): void {
    if (!cut) {
      this.cut.delete(userId);
      return;
    }
    this.cut.add(userId);
    this.onCut(userId);
  }

  isCutOff(userId: bigint | undefined): boolean {
    return userId !== undefined && this.cut.has(userId);
  }

  clear(): void {
    this.byMethod.clear();
    this.silent = false;
    this.cut.clear();
  }

  get pingsSilenced(): boolean {
    return this.silent;
  }

  callsTo(method: string): number {
    return this.seen.get(method) ?? 0;
  }

  /** The next fault for this call, method-specific before '*'; counts it as used. */
  take(method: string): Fault | undefined {
    this.seen.set(method, (this.seen.get(method) ?? 0) + 1);
    for (const key of [method, '*']) {
      const list = this.byMethod.get(key);
      const armed = list?.[0];
      if (!list || !armed) continue;
      armed.remaining -= 1;
      if (armed.remaining <= 0) list.shift();
      if (list.length === 0) this.byMethod.delete(key);
      return armed.fault;
    }
    return undefined;
  }
}
