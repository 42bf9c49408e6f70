import axios from "axios";

interface Subscriber {
  id: string;
  webhook: string;
}

export async function notifyAll(subscribers: Subscriber[], event: object): Promise<number> {
  let delivered = 0;
  for (const sub of subscribers) {
    try {
      await axios.post(sub.webhook, event); // wfc-expect: performance medium
      delivered++;
    } catch (e) {} // wfc-expect: reliability medium
  }
  return delivered;
}

export function latest(events: { at: number }[]): { at: number } | undefined {
  let best: { at: number } | undefined;
  for (let i = 0; i <= events.length; i++) { // wfc-expect: correctness medium
    if (!best || events[i].at > best.at) {
      best = events[i];
    }
  }
  return best;
}
