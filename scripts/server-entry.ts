// Entry point that scripts/package.mjs bundles into client/dist/server.js.
// It lives outside server/ and client/src so that neither TypeScript project
// compiles it, because esbuild reads the server's sources directly.
import { main } from '../server/src/main';

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error('pyfpcast: internal error:', error);
    process.exitCode = 2;
  },
);
