/**
 * Counters and gauges in the Prometheus text format (`GET /metrics`): connections, long-polls,
 * queue length, messages stored, frames sent (acks among them), errors, HTTP responses, memory.
 * No dependency: a few maps and a renderer.
 * @module
 */

type Labels = Record<string, string>;
type Read = () => number | Promise<number>;

const HELP: Record<string, [type: 'counter' | 'gauge', help: string]> = {
  sc_messages_total: ['counter', 'Messages stored, by author role.'],
  sc_frames_sent_total: ['counter', 'Frames sent to customers over WebSocket, by type (ack, nack, event, error...).'],
  sc_errors_total: ['counter', 'Errors reported to clients (nacks, error frames, HTTP problems), by code.'],
  sc_http_responses_total: ['counter', 'HTTP responses, by status class.'],
};

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels): string => {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',')}}`;
};

/** The server's metrics. */
export class Metrics {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly gauges: Array<{ name: string; help: string; read: Read }> = [];
  private readonly started = Date.now();

  /** Adds `by` to a counter (names and their help are in `HELP`). */
  inc(name: keyof typeof HELP, labels: Labels = {}, by = 1): void {
    let series = this.counters.get(name);
    if (!series) this.counters.set(name, (series = new Map()));
    const key = labelText(labels);
    series.set(key, (series.get(key) ?? 0) + by);
  }

  /** Registers a gauge read at scrape time. */
  gauge(name: string, help: string, read: Read): void {
    this.gauges.push({ name, help, read });
  }

  /** The exposition text. A gauge that fails to read is left out (and does not fail the scrape). */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, [type, help]] of Object.entries(HELP)) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of this.counters.get(name) ?? []) lines.push(`${name}${labels} ${value}`);
    }
    for (const g of this.gauges) {
      let value: number;
      try {
        value = await g.read();
      } catch {
        continue;
      }
      lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${value}`);
    }
    const mem = process.memoryUsage();
    lines.push('# HELP process_resident_memory_bytes Resident memory size in bytes.', '# TYPE process_resident_memory_bytes gauge');
    lines.push(`process_resident_memory_bytes ${mem.rss}`);
    lines.push('# HELP process_uptime_seconds Seconds since the server started.', '# TYPE process_uptime_seconds gauge');
    lines.push(`process_uptime_seconds ${Math.round((Date.now() - this.started) / 1000)}`);
    return `${lines.join('\n')}\n`;
  }
}
