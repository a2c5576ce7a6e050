import { type IncomingMessage, type ServerResponse } from 'node:http';

/** How long a refused request body is read and thrown away after the answer (nginx's defaults). */
export const LINGER_MS = 30_000;
export const LINGER_IDLE_MS = 5_000;

/**
 * Prepares an answer to a request whose body has not been read (an upload over the limit, or
 * refused before it was looked at) so that the client always gets to read it.
 *
 * Closing a socket that still has unread data resets the connection, and a client busy sending
 * (or one that reads only after sending everything, like Python's requests) then sees
 * ECONNRESET/EPIPE instead of the answer. So: the answer says `Connection: close`; whoever was
 * reading the body stops and the rest is discarded without buffering; once the answer is
 * flushed only our sending side is shut (FIN), and the connection closes when the client stops
 * sending, or after LINGER_MS in all, or LINGER_IDLE_MS without data (a "lingering close").
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  if (!res.headersSent) res.setHeader('Connection', 'close');
  req.unpipe();
  req.resume();
  if (socket.destroyed) return;
  // Node ends a `Connection: close` response with socket.destroySoon(), which destroys the
  // socket as soon as the answer is written; shut only our side instead.
  socket.destroySoon = () => {
    socket.end();
  };
  const deadline = setTimeout(() => socket.destroy(), LINGER_MS);
  deadline.unref();
  socket.setTimeout(LINGER_IDLE_MS, () => socket.destroy());
  socket.once('close', () => clearTimeout(deadline));
}
