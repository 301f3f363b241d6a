#!/usr/bin/env node
// The kubemu command, from the built output.
import '../dist/src/main.js';
