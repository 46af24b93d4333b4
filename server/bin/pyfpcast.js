#!/usr/bin/env node
'use strict';
require('../out/main.js')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`pyfpcast: internal error: ${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 2;
    },
  );
