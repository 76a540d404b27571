// Between the conversation and the screen: the conversation emits, the screen subscribes.
// Messages sent before the screen subscribes (the greeting) are kept and replayed.
import type { LiveEvent, Message, SessionStatus } from '../session/types.js';

export interface SessionListener {
  onMessage(message: Message): void;
  onProgress(event: LiveEvent): void;
  onStatus(status: SessionStatus): void;
  onText(chunk: string): void;
  onExit(): void;
}

export interface SessionHub extends SessionListener {
  subscribe(listener: SessionListener): () => void;
}

export function createSessionHub(): SessionHub {
  const backlog: Array<(l: SessionListener) => void> = [];
  let current: SessionListener | undefined;
  const send = (call: (l: SessionListener) => void) => (current ? call(current) : backlog.push(call));
  return {
    onMessage: (message) => send((l) => l.onMessage(message)),
    onProgress: (event) => send((l) => l.onProgress(event)),
    onStatus: (status) => send((l) => l.onStatus(status)),
    onText: (chunk) => send((l) => l.onText(chunk)),
    onExit: () => send((l) => l.onExit()),
    subscribe(listener) {
      current = listener;
      for (const call of backlog.splice(0)) call(listener);
      return () => {
        if (current === listener) current = undefined;
      };
    },
  };
}
