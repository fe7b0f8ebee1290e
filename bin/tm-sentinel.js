#!/usr/bin/env node
// Thin launcher so `tm-sentinel` works from the package bin after `npm run build`.
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
