// Segmentation worker: jieba is CPU-bound and single-threaded; two workers use both cores
// while the main thread writes to the database.
import { parentPort } from 'node:worker_threads';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { segmentDocument } from './tokenize.mjs';

const jieba = Jieba.withDict(dict);
parentPort.on('message', (msg) => {
  try {
    const out = msg.docs.map((d) => segmentDocument(jieba, d.title, d.body));
    parentPort.postMessage({ id: msg.id, out });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: String(err && err.stack ? err.stack : err) });
  }
});
