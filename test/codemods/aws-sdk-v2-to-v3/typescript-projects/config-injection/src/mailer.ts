// a mail library, typed loosely, that calls the SES client it is given the v2 way
export function createTransport(options: { SES: unknown }): { send(message: string): Promise<void> } {
  return { send: async (message) => void [options, message] };
}
