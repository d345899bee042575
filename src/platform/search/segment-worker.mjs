// Segmentation worker: tokenizing is CPU-bound; two workers use both cores while the main
// thread writes to the database.
import { parentPort } from 'node:worker_threads';
import { dict } from '@node-rs/jieba/dict.js';
import { buildDictionary, indexDocument } from './tokenize.mjs';

const dictionary = buildDictionary(dict);
parentPort.on('message', (msg) => {
  try {
    const out = msg.docs.map((d) => indexDocument(dictionary, d.title, d.body));
    parentPort.postMessage({ id: msg.id, out });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: String(err && err.stack ? err.stack : err) });
  }
});
