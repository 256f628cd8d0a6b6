#!/usr/bin/env node
/* global process */
import module from "node:module";

// Node 22.1+ keeps the compiled bundle on disk between commands: faster start-up after the first.
module.enableCompileCache?.();
const { main } = await import("../dist/bundle/cli.js");

// Exit explicitly: an SSH connection or a timer must not keep a finished command alive.
process.exit(await main(process.argv.slice(2)));
