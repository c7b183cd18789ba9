// Batch runner for the Python property tests: node batch.js CASES.json → JSON results on stdout.
// Each case is {question, response, seed, version?}: scored, and with `version` also recorded.
"use strict";
const fs = require("node:fs");
const S = require("../../src/oqu/player/scoring.js");

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = cases.map((c) => {
  try {
    const res = { score: S.score(c.question, c.response, c.seed || 0) };
    if (c.version) res.interaction = S.interaction(c.question, c.response, c.version, { seed: c.seed || 0, seconds: c.seconds || 0 });
    return res;
  } catch (e) {
    return { error: String(e && e.stack ? e.stack : e) };
  }
});
process.stdout.write(JSON.stringify(out));
