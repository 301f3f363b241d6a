#!/usr/bin/env node
// The kubemu command: the bundled build (npm run build makes it).
import '../dist/kubemu.mjs';
