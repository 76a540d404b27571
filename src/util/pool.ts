// A limiter for work that runs in child processes: at most `size` tasks at once, started in the
// order they were asked for.

export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export function pool(size: number): Limit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
