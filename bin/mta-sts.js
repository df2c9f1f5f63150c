#!/usr/bin/env node
// Launcher for the bundled CLI (dist/cli.js, built by `npm run build`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('mta-sts: the CLI is not built yet; run "npm run build" first\n');
  process.exit(2);
}
require(bundle).runCli();
