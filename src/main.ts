#!/usr/bin/env node
// The kubemu command from source (node --import tsx src/main.ts ...); the built command is bin/kubemu.js.
import { runMain } from './cli.js';

void runMain();
