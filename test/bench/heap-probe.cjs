// Preloaded into the server by the memory benchmark only (with --expose-gc): on SIGHUP it writes the V8 heap in use,
// then forces two full GCs and writes the heap in use and the RSS after them, as JSON, to HEAP_PROBE_FILE (written
// aside and renamed, so a reader never sees half a file). No server code is involved.
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');

const MIB = 1024 * 1024;
const rssMiB = () => Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

process.on('SIGHUP', () => {
  const file = process.env.HEAP_PROBE_FILE;
  if (!file || typeof globalThis.gc !== 'function') return;
  const heapInUseMiB = v8.getHeapStatistics().used_heap_size / MIB;
  globalThis.gc();
  globalThis.gc();
  const probe = { heapInUseMiB, heapAfterGcMiB: v8.getHeapStatistics().used_heap_size / MIB, rssAfterGcMiB: rssMiB() };
  fs.writeFileSync(`${file}.part`, JSON.stringify(probe));
  fs.renameSync(`${file}.part`, file);
});
