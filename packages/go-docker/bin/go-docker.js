#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled package so the bin works from npm workspaces and from a published install alike.
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
