// The shared vectors, run by the JS scorer (node --test); tests/assess/test_js.py runs this file.
// Every interaction record is also SetValue'd into scorm-again's Scorm12API / Scorm2004API,
// which validates each element against the SCORM data model, and must leave error code 0.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const S = require("../../src/oqu/player/scoring.js");
const V = JSON.parse(fs.readFileSync(path.join(__dirname, "vectors.json"), "utf8"));
const Q = V.questions;
const RULES_JSON = JSON.parse(fs.readFileSync(path.join(__dirname, "../../src/oqu/assess/rules.json"), "utf8"));

function same(a, b) {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

test("the JS carries rules.json verbatim", () => {
  assert.deepEqual(S.RULES, RULES_JSON);
});

test("scores", () => {
  for (const c of V.scores) {
    const got = S.score(Q[c.q], c.response, c.seed || 0);
    assert.ok(same(got, c.expect), `${c.q} ${JSON.stringify(c.response)}: ${JSON.stringify(got)}`);
  }
});

test("interaction records", () => {
  for (const c of V.interactions) {
    const got = S.interaction(Q[c.q], c.response, c.version, { seed: c.seed || 0, seconds: c.seconds || 0, lang: c.lang || "" });
    assert.deepEqual(got, c.expect, `${c.q} ${c.version}`);
  }
});

test("normalisation and numbers", () => {
  for (const c of V.normalise) assert.equal(S.normaliseText(c.in, c.case), c.out, JSON.stringify(c.in));
  for (const c of V.numbers) assert.ok(same(S.parseNumber(c.in), c.out), JSON.stringify(c.in));
});

test("formulas", () => {
  for (const c of V.formulas) {
    if (c.out === "error") assert.throws(() => S.compute(c.src, c.values), S.FormulaError, c.src);
    else assert.ok(Math.abs(S.compute(c.src, c.values) - c.out) <= 1e-12 * Math.abs(c.out), c.src);
  }
});

test("mulberry32 equals the reference implementation; FNV-1a", () => {
  function reference(a) {
    return function () {
      let t = (a += 0x6d2b79f5);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  for (const seed of [0, 1, 42, 4294967295, 123456789]) {
    const a = S.mulberry32(seed);
    const b = reference(seed);
    for (let i = 0; i < 50; i++) assert.equal(a(), b());
  }
  for (const c of V.prng) {
    const r = S.mulberry32(c.seed);
    assert.deepEqual(c.first.map(() => r()), c.first);
  }
  for (const c of V.fnv1a) assert.equal(S.fnv1a(c.in), c.out);
});

// --- the LMS accepts every record ----------------------------------------------------------

globalThis.window = globalThis;
require("scorm-again");

function lms(version) {
  const api = version === "1.2" ? new window.Scorm12API({ logLevel: 5 }) : new window.Scorm2004API({ logLevel: 5 });
  if (version === "1.2") api.LMSInitialize("");
  else api.Initialize("");
  return api;
}

function setAll(api, version, n, record) {
  for (const [k, v] of record) {
    if (version === "1.2") assert.ok(Array.from(v).length <= 255, `${k}: SCORM 1.2 SPM is 255 characters`);
    const el = `cmi.interactions.${n}.${k}`;
    if (version === "1.2") api.LMSSetValue(el, v);
    else api.SetValue(el, v);
    const err = String(version === "1.2" ? api.LMSGetLastError() : api.GetLastError());
    assert.equal(err, "0", `${el} = ${JSON.stringify(v)} → error ${err}`);
  }
}

const SAMPLES = {
  single: [1, 0, null], multiple: [[0, 1], [], [3]], multiple5: [[0, 2]], truefalse: [true, false, null],
  short: ["Эндосперм", "", "a[,]b{lang=x}"], short_yo: ["емкость"], short_case: ["NaCl"], short_kk: ["камыр"],
  short_brace: ["{x}"], numeric: ["138", "abc", "1e12", "-0.000000000001"], calc: ["590"], calc_plain: ["0.33"],
  calc_broken: ["1"], sequence: [[1, 0, 2, 3], null], matching: [[0, 1, 3], [null, null, null]],
  matching_shared: [[0, 0, 1]], blanks: [["Эндосперм", ""], null, ["x".repeat(300), "{y"]], select: [["7", "ISO"]],
  dragwords: [["соль", "дрожжи"]], hotspot: [[20, 25], [90, 90]], likert: [[4, 2], []], likert1: [[3], []],
  essay: ["Мой ответ", "", "я".repeat(5000)], unsafe_id: [false],
};

for (const version of ["1.2", "2004"]) {
  test(`scorm-again ${version} accepts every record`, () => {
    const api = lms(version);
    let n = 0;
    for (const [name, responses] of Object.entries(SAMPLES)) {
      for (const r of responses) {
        setAll(api, version, n++, S.interaction(Q[name], r, version, { seed: 42, seconds: 3725.5, lang: "ru" }));
      }
    }
    for (const c of V.interactions.filter((c) => c.version === version)) setAll(api, version, n++, c.expect);
  });

  test(`the ${version} harness does detect a bad value`, () => {
    const api = lms(version);
    const bad = version === "1.2" ? [["id", "q"], ["latency", "5 seconds"]] : [["id", "q"], ["type", "choice"], ["learner_response", "a[,]a"]];
    assert.throws(() => setAll(api, version, 0, bad), assert.AssertionError);
  });
}
