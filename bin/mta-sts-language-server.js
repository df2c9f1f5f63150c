#!/usr/bin/env node
// Launcher for the bundled language server (dist/server.js): `mta-sts-language-server --stdio`.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('mta-sts-language-server: not built yet; run "npm run build" first\n');
  process.exit(2);
}
require(bundle);
