// Preloaded into the server under test: records every attempt to load an HTTP/TLS/DNS module, open a
// socket or call fetch, in the file named by NETWORK_GUARD_LOG. Connections are refused, not made.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const net = require('node:net');

const logFile = process.env.NETWORK_GUARD_LOG;
const record = (what) => fs.appendFileSync(logFile, `${what}\n`);

const NETWORK_MODULES = new Set(['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'undici']);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const name = String(request).replace(/^node:/, '');
  if (NETWORK_MODULES.has(name)) record(`load ${name}`);
  return load.call(this, request, parent, isMain);
};

const refuse = (what) => () => {
  record(what);
  throw new Error(`network access refused in test: ${what}`);
};
net.connect = refuse('net.connect');
net.createConnection = refuse('net.createConnection');
net.Socket.prototype.connect = refuse('net.Socket.connect');
globalThis.fetch = refuse('fetch');
