/**
 * Samplan's one addition to the y-websocket protocol, shared by server and browser. A client that
 * opens its socket with `?saved=1` receives, after each of its edits is stored in the database,
 * the server's state vector; when it covers the client's own state vector, every local edit is
 * durable and the editor may truthfully say "Gemt". Stock clients never ask, and never get it.
 */
export const MESSAGE_SAVED = 100;
export const SAVED_PARAM = 'saved';
