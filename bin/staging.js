#!/usr/bin/env node
/* global process */
import { main } from "../dist/bundle/cli.js";

// Exit explicitly: an SSH connection or a timer must not keep a finished command alive.
process.exit(await main(process.argv.slice(2)));
