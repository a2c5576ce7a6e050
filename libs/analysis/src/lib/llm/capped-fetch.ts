/** A response body passed the byte limit: reading stopped there and the connection was closed. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(
    readonly limitBytes: number,
    /** The first `limitBytes` bytes of the body, decoded as UTF-8 (for the audit). */
    readonly partialBody: string,
  ) {
    super(`The response was larger than ${formatBytes(limitBytes)}; reading stopped there.`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` whose response bodies are counted as they arrive: past `maxBytes` the body stream
 * fails with ResponseTooLargeError (carrying the bytes kept so far) and the connection is
 * cancelled, so a runaway answer is never buffered whole, whoever reads the body.
 */
export function cappedFetch(maxBytes: number, inner: FetchLike = fetch): FetchLike {
  return async (input, init) => {
    const response = await inner(input, init);
    // A fetch body is a stream of bytes; Node's Response types leave its chunk type open.
    const source = response.body as ReadableStream<Uint8Array> | null;
    if (!source) return response;
    const reader = source.getReader();
    const kept: Uint8Array[] = [];
    let received = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const room = maxBytes - received;
        received += value.byteLength;
        if (value.byteLength > room) {
          kept.push(value.subarray(0, Math.max(0, room)));
          await reader.cancel().catch(() => undefined);
          controller.error(new ResponseTooLargeError(maxBytes, decode(kept)));
          return;
        }
        kept.push(value);
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function decode(parts: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8');
  return parts.map((p) => decoder.decode(p, { stream: true })).join('') + decoder.decode();
}
