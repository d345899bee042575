/**
 * Document bodies are stored in chunks (search_chunks, migration 0011) so that a result page's
 * snippets read the part of each body around the first match, not whole bodies: a long law is
 * hundreds of kilobytes, and reading ten of them was the largest cost of a search.
 */

/*
 * Stored rows keep the chunking they were written with (migration 0011 uses bodyChunks), and
 * excerpts.ts picks chunks by seq assuming CHUNK_CHARS: changing either constant needs a
 * migration that re-chunks search_chunks.
 */

/** Characters per chunk: about 1.5 KB of UTF-8 Chinese, so a chunk row fits in one page. */
export const CHUNK_CHARS = 500;
/**
 * Each chunk also stores the first OVERLAP characters of the next one, so that a word crossing
 * a chunk boundary is still found inside a single chunk (words up to this length).
 */
export const CHUNK_OVERLAP = 50;

export interface BodyChunk {
  seq: number;
  /** where the chunk starts in the body (UTF-16 offset, as JS strings count) */
  pos: number;
  /** body[pos, next chunk's pos + CHUNK_OVERLAP) */
  text: string;
}

/** A body's chunks (at least one, possibly empty); a surrogate pair is never split. */
export function bodyChunks(body: string): BodyChunk[] {
  const out: BodyChunk[] = [];
  let pos = 0;
  let seq = 0;
  do {
    let end = Math.min(body.length, pos + CHUNK_CHARS);
    if (end < body.length && isHighSurrogate(body.charCodeAt(end - 1))) end++;
    let tail = Math.min(body.length, end + CHUNK_OVERLAP);
    if (tail < body.length && isHighSurrogate(body.charCodeAt(tail - 1))) tail++;
    out.push({ seq: seq++, pos, text: body.slice(pos, tail) });
    pos = end;
  } while (pos < body.length);
  return out;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * Joins chunks (in order, overlapping as stored) back into the text they cover: returns the
 * text and where it starts in the body.
 */
export function joinChunks(chunks: Array<{ pos: number; text: string }>): { text: string; start: number } {
  if (!chunks.length) return { text: '', start: 0 };
  const start = chunks[0]!.pos;
  let text = '';
  for (const c of chunks) {
    const have = start + text.length;
    if (c.pos > have) break; // not contiguous: keep the part that is
    if (c.pos + c.text.length > have) text += c.text.slice(Math.max(0, have - c.pos));
  }
  return { text, start };
}
