/* Oqu scoring — pure functions, no DOM: score a response, build cmi.interactions records.
 *
 * The twin of src/oqu/assess/scoring.py and interactions.py. Both follow the rule table
 * between the RULES markers (a verbatim copy of src/oqu/assess/rules.json, checked by
 * tests/assess) and both run tests/assess/vectors.json. Questions are the JSON made by
 * oqu.assess.export.question_to_json; responses refer to options by their index in the
 * author's order. No eval, no Function: formulas are parsed by the small parser below,
 * which accepts exactly the language of oqu/model/formula.py.
 *
 * Browser: window.OquScoring. Node: require("…/scoring.js").
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module && module.exports) module.exports = api;
  else root.OquScoring = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function () {
  "use strict";

  // RULES-BEGIN (generated from src/oqu/assess/rules.json by `python -m oqu.assess.sync`)
  const RULES = {
    "_comment": "Scoring rules of Oqu, written once. oqu/assess/scoring.py and oqu/player/scoring.js both read this table (the JS carries a verbatim copy between the RULES markers; tests/assess checks the copy). docs/assessment.md explains every entry.",
    "normalise": {
      "letters": {
        "Ё": "Е",
        "ё": "е"
      },
      "lookalikes": {
        "A": "А",
        "B": "В",
        "C": "С",
        "E": "Е",
        "H": "Н",
        "I": "І",
        "K": "К",
        "M": "М",
        "O": "О",
        "P": "Р",
        "T": "Т",
        "X": "Х",
        "Y": "У",
        "a": "а",
        "c": "с",
        "e": "е",
        "i": "і",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у"
      },
      "punctuation": {
        "`": "'",
        "«": "\"",
        "»": "\"",
        "–": "-",
        "—": "-",
        "‘": "'",
        "’": "'",
        "“": "\"",
        "”": "\"",
        "„": "\"",
        "−": "-"
      },
      "remove": [
        "​",
        "‌",
        "‍",
        "⁠",
        "﻿",
        "­"
      ],
      "spaces": [
        " ",
        "\t",
        "\n",
        "\r",
        "\f",
        "\u000b",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        "　"
      ]
    },
    "number": {
      "decimal_comma": true,
      "epsilon": 1e-09,
      "minus": [
        "−",
        "–"
      ],
      "pattern": "^[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"
    },
    "score_decimals": 4,
    "types": {
      "blanks": {
        "credit": "per-gap-accepted",
        "graded": true,
        "response": "text-per-gap",
        "scorm12": "fill-in",
        "scorm2004": "fill-in"
      },
      "calculated": {
        "credit": "formula-tolerance",
        "graded": true,
        "response": "number",
        "scorm12": "numeric",
        "scorm2004": "numeric"
      },
      "dragwords": {
        "credit": "per-gap-first",
        "graded": true,
        "response": "text-per-gap",
        "scorm12": "fill-in",
        "scorm2004": "fill-in"
      },
      "essay": {
        "credit": "none",
        "graded": false,
        "response": "text",
        "scorm12": "fill-in",
        "scorm2004": "long-fill-in"
      },
      "hotspot": {
        "credit": "in-correct-region",
        "graded": true,
        "response": "point-or-region",
        "scorm12": "choice",
        "scorm2004": "choice"
      },
      "likert": {
        "credit": "none",
        "graded": false,
        "response": "index-per-row",
        "scorm12": "likert",
        "scorm2004": "likert"
      },
      "matching": {
        "credit": "per-pair",
        "graded": true,
        "response": "index-per-left",
        "scorm12": "matching",
        "scorm2004": "matching"
      },
      "multiple": {
        "credit": "right-minus-wrong",
        "graded": true,
        "response": "indices",
        "scorm12": "choice",
        "scorm2004": "choice"
      },
      "numeric": {
        "credit": "any-range",
        "graded": true,
        "response": "number",
        "scorm12": "numeric",
        "scorm2004": "numeric"
      },
      "select": {
        "credit": "per-gap-first",
        "graded": true,
        "response": "text-per-gap",
        "scorm12": "fill-in",
        "scorm2004": "fill-in"
      },
      "sequence": {
        "credit": "per-position",
        "graded": true,
        "response": "order",
        "scorm12": "sequencing",
        "scorm2004": "sequencing"
      },
      "short": {
        "credit": "any-accepted",
        "graded": true,
        "response": "text",
        "scorm12": "fill-in",
        "scorm2004": "fill-in"
      },
      "single": {
        "credit": "all-or-nothing",
        "graded": true,
        "response": "index",
        "scorm12": "choice",
        "scorm2004": "choice"
      },
      "truefalse": {
        "credit": "all-or-nothing",
        "graded": true,
        "response": "boolean",
        "scorm12": "true-false",
        "scorm2004": "true-false"
      }
    },
    "version": 1
  };
  // RULES-END

  // --- shared arithmetic ------------------------------------------------------------------

  function roundHalfAway(x, decimals) {
    const m = 10 ** decimals;
    if (x === 0) return 0;
    return Math.sign(x) * (Math.floor(Math.abs(x) * m + 0.5) / m);
  }

  function mulberry32(seed) {
    let state = seed >>> 0;
    return function next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
      t = (((t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0)) >>> 0) ^ t) >>> 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function draw(q, seed) {
    const rnd = mulberry32(seed);
    const out = {};
    for (const v of q.variables || []) {
      const n = Math.floor((v.high - v.low) / v.step + 1e-9);
      const k = Math.floor(rnd() * (n + 1));
      out[v.name] = Number((v.low + k * v.step).toFixed(10));
    }
    return out;
  }

  // --- formulas: the language of oqu/model/formula.py -------------------------------------

  class FormulaError extends Error {}

  function roundHalfEven(x) {
    if (!Number.isFinite(x)) throw new FormulaError("cannot round " + x);
    const f = Math.floor(x);
    const d = x - f;
    if (d < 0.5) return f;
    if (d > 0.5) return f + 1;
    return f % 2 === 0 ? f : f + 1;
  }

  const FUNCS = {
    sqrt: [1, 1, Math.sqrt],
    log: [1, 2, (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b))],
    ln: [1, 1, Math.log],
    log10: [1, 1, Math.log10],
    exp: [1, 1, Math.exp],
    sin: [1, 1, Math.sin],
    cos: [1, 1, Math.cos],
    tan: [1, 1, Math.tan],
    abs: [1, 1, Math.abs],
    min: [2, Infinity, Math.min],
    max: [2, Infinity, Math.max],
    round: [1, 1, roundHalfEven],
  };
  const CONSTS = { pi: Math.PI, e: Math.E };
  const MAX_LENGTH = 500;
  const TOKEN = /\s*(?:((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)|([\p{L}_][\p{L}\p{N}_]*)|(\*\*|[-+*/%(),]))/uy;

  function tokenize(src) {
    const out = [];
    TOKEN.lastIndex = 0;
    let pos = 0;
    while (pos < src.length) {
      if (/^\s*$/u.test(src.slice(pos))) break;
      TOKEN.lastIndex = pos;
      const m = TOKEN.exec(src);
      if (!m) throw new FormulaError("syntax: unexpected '" + src.slice(pos).trim()[0] + "'");
      pos = TOKEN.lastIndex;
      if (m[1] !== undefined) {
        if (pos < src.length && /[\p{L}\p{N}_.]/u.test(src[pos])) throw new FormulaError("syntax: bad number");
        out.push({ kind: "num", value: Number(m[1]) });
      } else if (m[2] !== undefined) out.push({ kind: "name", value: m[2] });
      else out.push({ kind: "op", value: m[3] });
    }
    return out;
  }

  function parseFormula(src) {
    if (src.length > MAX_LENGTH) throw new FormulaError("formula too long");
    const toks = tokenize(src.replace(/\^/g, "**"));
    let i = 0;
    const peek = () => toks[i];
    const isOp = (v) => toks[i] && toks[i].kind === "op" && toks[i].value === v;
    const expect = (v) => {
      if (!isOp(v)) throw new FormulaError("syntax: expected '" + v + "'");
      i++;
    };
    function expr() {
      let left = term();
      while (isOp("+") || isOp("-")) {
        const op = toks[i++].value;
        left = { kind: "bin", op, left, right: term() };
      }
      return left;
    }
    function term() {
      let left = factor();
      while (isOp("*") || isOp("/") || isOp("%")) {
        const op = toks[i++].value;
        left = { kind: "bin", op, left, right: factor() };
      }
      return left;
    }
    function factor() {
      if (isOp("+") || isOp("-")) {
        const op = toks[i++].value;
        return { kind: "unary", op, operand: factor() };
      }
      return power();
    }
    function power() {
      const base = primary();
      if (isOp("**")) {
        i++;
        return { kind: "bin", op: "**", left: base, right: factor() };
      }
      return base;
    }
    function primary() {
      const t = peek();
      if (!t) throw new FormulaError("syntax: unexpected end");
      if (t.kind === "num") {
        i++;
        return { kind: "num", value: t.value };
      }
      if (t.kind === "name") {
        i++;
        if (isOp("(")) {
          i++;
          const args = [];
          while (!isOp(")")) {
            args.push(expr());
            if (isOp(",")) i++;
            else if (!isOp(")")) throw new FormulaError("syntax: expected ')'");
          }
          i++;
          return { kind: "call", name: t.value, args };
        }
        return { kind: "name", name: t.value };
      }
      if (isOp("(")) {
        i++;
        const e = expr();
        expect(")");
        return e;
      }
      throw new FormulaError("syntax: unexpected '" + t.value + "'");
    }
    const tree = expr();
    if (i < toks.length) throw new FormulaError("syntax: unexpected '" + toks[i].value + "'");
    return tree;
  }

  function evaluate(node, values) {
    switch (node.kind) {
      case "num":
        return node.value;
      case "name":
        if (Object.prototype.hasOwnProperty.call(values, node.name)) return values[node.name];
        if (Object.prototype.hasOwnProperty.call(CONSTS, node.name)) return CONSTS[node.name];
        throw new FormulaError("unknown name '" + node.name + "'");
      case "unary": {
        const x = evaluate(node.operand, values);
        return node.op === "-" ? -x : x;
      }
      case "bin": {
        const a = evaluate(node.left, values);
        const b = evaluate(node.right, values);
        switch (node.op) {
          case "+": return a + b;
          case "-": return a - b;
          case "*": return a * b;
          case "/":
            if (b === 0) throw new FormulaError("float division by zero");
            return a / b;
          case "%": {
            if (b === 0) throw new FormulaError("float modulo");
            let r = a % b;
            if (r !== 0 && (r < 0) !== (b < 0)) r += b;
            else if (r === 0) r = b < 0 ? -0 : 0;
            return r;
          }
          case "**": {
            if (Math.abs(b) > 100) throw new FormulaError("exponent too large");
            if (a === 0 && b < 0) throw new FormulaError("zero to a negative power");
            const r = a ** b;
            if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) {
              throw new FormulaError("result too large");
            }
            return r;
          }
        }
        break;
      }
      case "call": {
        const f = Object.prototype.hasOwnProperty.call(FUNCS, node.name) ? FUNCS[node.name] : null;
        if (!f) throw new FormulaError("not allowed in a formula: " + node.name + "()");
        if (node.args.length < f[0] || node.args.length > f[1]) {
          throw new FormulaError(node.name + "() takes " + f[0] + " argument(s)");
        }
        const args = node.args.map((a) => evaluate(a, values));
        const r = f[2](...args);
        if (Number.isNaN(r) || (!Number.isFinite(r) && args.every(Number.isFinite))) {
          throw new FormulaError("math domain error");
        }
        return r;
      }
    }
    throw new FormulaError("not allowed in a formula");
  }

  function compute(src, values) {
    const r = evaluate(parseFormula(src), values);
    if (!Number.isFinite(r)) throw new FormulaError("the result is not a finite number");
    return r;
  }

  function calculatedAnswer(q, params) {
    const value = roundHalfAway(compute(q.formula, params), q.decimals);
    const tol = q.numeric && q.numeric.length ? q.numeric[0] : null;
    let dist;
    if (tol && tol.tolerance) dist = tol.relative ? (Math.abs(value) * tol.tolerance) / 100 : tol.tolerance;
    else dist = 0.5 / 10 ** q.decimals;
    return [value, dist];
  }

  // --- normalisation ----------------------------------------------------------------------

  let TABLES = null;
  function tables() {
    if (TABLES) return TABLES;
    const n = RULES.normalise;
    const fold = new Map();
    for (const c of n.remove) fold.set(c, "");
    for (const [k, v] of Object.entries(n.letters)) fold.set(k, v);
    for (const [k, v] of Object.entries(n.punctuation)) fold.set(k, v);
    const esc = (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    const cls = "[" + n.spaces.map(esc).join("") + "]";
    TABLES = {
      fold,
      look: new Map(Object.entries(n.lookalikes)),
      spaces: new RegExp(cls + "+", "gu"),
      edges: new RegExp("^" + cls + "+|" + cls + "+$", "gu"),
    };
    return TABLES;
  }

  function translate(s, map) {
    let out = "";
    for (const ch of s) {
      const r = map.get(ch);
      out += r === undefined ? ch : r;
    }
    return out;
  }

  function normaliseText(s, caseSensitive) {
    const t = tables();
    s = translate(s.normalize("NFC"), t.fold);
    s = s.replace(t.spaces, " ").replace(/^ +| +$/g, "");
    if (!caseSensitive) s = s.toLowerCase();
    return translate(s, t.look);
  }

  function parseNumber(s) {
    if (typeof s === "number") return Number.isFinite(s) ? s : null;
    if (typeof s !== "string") return null;
    const cfg = RULES.number;
    let t = s.replace(tables().spaces, "");
    for (const m of cfg.minus) t = t.split(m).join("-");
    if (cfg.decimal_comma) t = t.split(",").join(".");
    if (!new RegExp(cfg.pattern).test(t)) return null;
    const v = Number(t);
    return Number.isFinite(v) ? v : null;
  }

  // --- per-credit strategies --------------------------------------------------------------

  function index(r, n) {
    return typeof r === "number" && Number.isInteger(r) && r >= 0 && r < n ? r : null;
  }
  const list = (r) => (Array.isArray(r) ? r : []);

  function matchingSides(pairs) {
    const lefts = [];
    const rights = [];
    for (const [, right] of pairs) if (!rights.includes(right)) rights.push(right);
    const answer = [];
    for (const [left, right] of pairs) {
      if (left) {
        lefts.push(left);
        answer.push(rights.indexOf(right));
      }
    }
    return [lefts, rights, answer];
  }

  function inside(region, x, y) {
    const c = region.coords;
    if (region.shape === "rect") return c[0] <= x && x <= c[0] + c[2] && c[1] <= y && y <= c[1] + c[3];
    const dx = x - c[0];
    const dy = y - c[1];
    return dx * dx + dy * dy <= c[2] * c[2];
  }

  function hotspotHit(q, r) {
    if (Array.isArray(r) && r.length === 2) {
      const x = parseNumber(r[0]);
      const y = parseNumber(r[1]);
      if (x === null || y === null) return null;
      const hits = [];
      q.regions.forEach((reg, i) => {
        if (inside(reg, x, y)) hits.push(i);
      });
      const right = hits.filter((i) => q.regions[i].correct);
      return right.length ? right[0] : hits.length ? hits[0] : null;
    }
    return index(r, q.regions.length);
  }

  function credit(q, r, seed) {
    const how = RULES.types[q.type].credit;
    const eps = RULES.number.epsilon;
    const tol = (x) => eps * Math.max(1, Math.abs(x));
    if (q.type === "single") {
      const i = index(r, q.choices.length);
      return [i !== null && q.choices[i].correct ? 1 : 0, i];
    }
    if (how === "right-minus-wrong") {
      const set = new Set();
      for (const x of list(r)) {
        const i = index(x, q.choices.length);
        if (i !== null) set.add(i);
      }
      const chosen = Array.from(set).sort((a, b) => a - b);
      const right = q.choices.filter((c) => c.correct).length;
      const wrong = q.choices.length - right;
      const got = chosen.filter((i) => q.choices[i].correct).length;
      const bad = chosen.length - got;
      const f = (right ? got / right : 0) - (wrong ? bad / wrong : 0);
      return [Math.max(0, f), chosen];
    }
    if (q.type === "truefalse") {
      const b = typeof r === "boolean" ? r : null;
      return [b !== null && b === q.truth ? 1 : 0, b];
    }
    if (how === "any-accepted") {
      const t = typeof r === "string" ? normaliseText(r, q.caseSensitive) : "";
      const ok = q.accepted.some((a) => t === normaliseText(a, q.caseSensitive));
      return [t && ok ? 1 : 0, t];
    }
    if (how === "any-range") {
      const x = parseNumber(r);
      const ok = x !== null && q.numeric.some((a) => a.low - tol(x) <= x && x <= a.high + tol(x));
      return [ok ? 1 : 0, x];
    }
    if (how === "formula-tolerance") {
      const x = parseNumber(r);
      let value;
      let dist;
      try {
        [value, dist] = calculatedAnswer(q, draw(q, seed));
      } catch (e) {
        if (e instanceof FormulaError) return [0, x];
        throw e;
      }
      return [x !== null && Math.abs(x - value) <= dist + tol(value) ? 1 : 0, x];
    }
    if (how === "per-position") {
      const n = q.choices.length;
      const order = list(r);
      const valid = order.map((x) => index(x, n));
      if (order.length !== n || valid.includes(null) || new Set(valid).size !== n) return [0, null];
      return [n ? valid.filter((i, pos) => i === pos).length / n : 0, valid];
    }
    if (how === "per-pair") {
      const [lefts, rights, answer] = matchingSides(q.pairs);
      const items = list(r);
      const chosen = lefts.map((_, i) => (i < items.length ? index(items[i], rights.length) : null));
      const got = chosen.filter((c, i) => c !== null && c === answer[i]).length;
      return [lefts.length ? got / lefts.length : 0, chosen];
    }
    if (how === "per-gap-accepted" || how === "per-gap-first") {
      const items = list(r);
      const typed = q.gaps.map((_, i) => normaliseText(typeof items[i] === "string" ? items[i] : ""));
      let got = 0;
      typed.forEach((t, i) => {
        const ok = how === "per-gap-accepted" ? q.gaps[i] : q.gaps[i].slice(0, 1);
        if (t && ok.some((a) => t === normaliseText(a))) got++;
      });
      return [q.gaps.length ? got / q.gaps.length : 0, typed];
    }
    if (how === "in-correct-region") {
      const hit = hotspotHit(q, r);
      return [hit !== null && q.regions[hit].correct ? 1 : 0, hit];
    }
    if (q.type === "likert") {
      const items = list(r);
      return [0, q.choices.map((_, i) => (i < items.length ? index(items[i], q.scale.length) : null))];
    }
    return [0, typeof r === "string" ? r.replace(tables().edges, "") : ""];
  }

  const DEFAULTS = {
    prompt: "", points: 1, body: [], choices: [], truth: null, accepted: [], caseSensitive: false,
    numeric: [], variables: [], formula: "", decimals: 2, pairs: [], text: "", gaps: [],
    distractors: [], regions: [], scale: [], minWords: 0,
  };

  /** The question with every field present (the JSON of question_to_json already is). */
  function question(q) {
    return Object.assign({}, DEFAULTS, q);
  }

  function score(q, response, seed) {
    q = question(q);
    let [fraction, normalised] = credit(q, response === undefined ? null : response, seed || 0);
    if (!RULES.types[q.type].graded) return { score: 0, max: 0, correct: null, normalised };
    fraction = Math.min(1, Math.max(0, fraction));
    const points = roundHalfAway(q.points * fraction, RULES.score_decimals);
    return { score: points, max: q.points, correct: fraction === 1, normalised };
  }

  // --- SCORM interaction records ----------------------------------------------------------

  const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  const cut = (t, n) => Array.from(t).slice(0, n).join("");

  const optionId = (i) => (i < ALPHABET.length ? ALPHABET[i] : "c" + i);

  function fnv1a(text) {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h.toString(16).padStart(8, "0");
  }

  function safeId(qid) {
    let s = qid.replace(/[^A-Za-z0-9_-]/gu, "_");
    if (s !== qid || s.length > 64 || !s) s = s.slice(0, 55) + "-" + fnv1a(qid);
    return s;
  }

  function plain(html) {
    let t = html.replace(/<[^>]*>/g, "");
    t = t.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-z]+);/g, (m, name) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : m;
    });
    return t.replace(tables().spaces, " ").replace(/^ +| +$/g, "");
  }

  function decimal(x) {
    if (!Number.isFinite(x) || Math.abs(x) >= 1e10) return null;
    const s = x.toFixed(10).replace(/0+$/, "").replace(/\.$/, "");
    return s === "-0" || s === "" ? "0" : s;
  }

  function latency(seconds, version) {
    const cs = Math.max(0, Math.floor(seconds * 100 + 0.5));
    const h = Math.floor(cs / 360000);
    let rest = cs % 360000;
    const m = Math.floor(rest / 6000);
    rest %= 6000;
    const s = Math.floor(rest / 100);
    const c = rest % 100;
    const two = (n) => String(n).padStart(2, "0");
    if (version === "1.2") return String(Math.min(h, 9999)).padStart(4, "0") + ":" + two(m) + ":" + two(s) + "." + two(c);
    let out = "PT";
    if (h) out += h + "H";
    if (m) out += m + "M";
    if (s || c || out === "PT") out += c ? s + "." + two(c) + "S" : s + "S";
    return out;
  }

  function field(text, version, limit) {
    let t = text.split("[,]").join(",").split("[.]").join(".").split("[:]").join(":");
    if (version === "2004" && t.startsWith("{")) t = "(" + t.slice(1);
    return cut(t, limit === undefined ? 250 : limit);
  }

  // SCORM 1.2 multi-gap fill-in: "," between gaps, "\\" and "," inside a gap escaped with "\\"
  // (interactions.py join_fill_in_12); cut without leaving half an escape.
  function joinFillIn12(fields, limit) {
    const max = limit === undefined ? 255 : limit;
    let text = fields.map((f) => f.split("\\").join("\\\\").split(",").join("\\,")).join(",");
    if (text.length <= max) return text;
    text = text.slice(0, max);
    const trailing = text.length - text.replace(/\\+$/, "").length;
    return trailing % 2 ? text.slice(0, -1) : text;
  }

  function interaction(q, response, version, opts) {
    const o = opts || {};
    const seed = o.seed || 0;
    q = question(q);
    const out = score(q, response, seed);
    const v12 = version === "1.2";
    const join = v12 ? "," : "[,]";
    const pair = v12 ? "." : "[.]";
    let kind = RULES.types[q.type][v12 ? "scorm12" : "scorm2004"];
    let patterns = [];
    let learner = null;
    const norm = out.normalised;
    const long = v12 ? 255 : 250;

    if (q.type === "single" || q.type === "multiple") {
      patterns = [q.choices.map((c, i) => (c.correct ? optionId(i) : null)).filter((x) => x !== null).join(join)];
      const chosen = typeof norm === "number" ? [norm] : norm || [];
      learner = chosen.map(optionId).join(join) || null;
    } else if (q.type === "truefalse") {
      const words = v12 ? ["t", "f"] : ["true", "false"];
      patterns = [q.truth ? words[0] : words[1]];
      learner = norm === null ? null : norm ? words[0] : words[1];
    } else if (q.type === "short") {
      const cas = v12 ? "" : "{case_matters=" + (q.caseSensitive ? "true" : "false") + "}";
      for (const a of q.accepted) {
        const p = cas + field(a, version, long);
        if (!patterns.includes(p)) patterns.push(p);
      }
      learner = norm ? field(response, version, long) : null;
    } else if (q.type === "numeric" || q.type === "calculated") {
      let lo = NaN;
      let hi = NaN;
      let mid = NaN;
      if (q.type === "numeric") {
        const first = q.numeric.length ? q.numeric[0] : null;
        if (first) {
          lo = first.low;
          hi = first.high;
          mid = first.value !== null && first.value !== undefined ? first.value : (lo + hi) / 2;
        }
      } else {
        try {
          const [value, dist] = calculatedAnswer(q, draw(q, seed));
          mid = value;
          lo = value - dist;
          hi = value + dist;
        } catch (e) {
          if (!(e instanceof FormulaError)) throw e;
        }
      }
      let p;
      if (v12) p = decimal(mid);
      else {
        const a = decimal(lo);
        const b = decimal(hi);
        p = a !== null && b !== null ? a + "[:]" + b : null;
      }
      patterns = p ? [p] : [];
      learner = typeof norm === "number" ? decimal(norm) : null;
    } else if (q.type === "sequence") {
      patterns = [q.choices.map((_, i) => optionId(i)).join(join)];
      learner = norm && norm.length ? norm.map(optionId).join(join) : null;
    } else if (q.type === "matching") {
      const answer = matchingSides(q.pairs)[2];
      patterns = [answer.map((r, i) => optionId(i) + pair + optionId(r)).join(join)];
      const made = [];
      norm.forEach((r, i) => {
        if (r !== null) made.push(optionId(i) + pair + optionId(r));
      });
      learner = made.join(join) || null;
    } else if (q.type === "blanks" || q.type === "select" || q.type === "dragwords") {
      const typed = Array.isArray(response) ? response : [];
      const fields = q.gaps.map((_, i) => (i < typed.length && typeof typed[i] === "string" ? typed[i] : ""));
      const firsts = q.gaps.map((g) => (g.length ? g[0] : ""));
      const any = fields.some((f) => f);
      if (v12) {
        patterns = [joinFillIn12(firsts)];
        learner = any ? joinFillIn12(fields) : null;
      } else if (q.gaps.length <= 10) {
        const prefix = "{case_matters=false}{order_matters=true}";
        patterns = [prefix + firsts.map((a) => field(a, version)).join("[,]")];
        learner = any ? fields.map((f) => field(f, version)).join("[,]") : null;
      } else {
        kind = "other";
        patterns = [cut(firsts.join("; "), 4000)];
        learner = any ? cut(fields.join("; "), 4000) : null;
      }
    } else if (q.type === "hotspot") {
      q.regions.forEach((r, i) => {
        if (r.correct) patterns.push(optionId(i));
      });
      learner = typeof norm === "number" ? optionId(norm) : null;
    } else if (q.type === "likert") {
      const rows = norm || [];
      if (q.choices.length === 1) learner = rows.length && rows[0] !== null ? String(rows[0] + 1) : null;
      else {
        kind = v12 ? "performance" : "other";
        const made = [];
        rows.forEach((r, i) => {
          if (r !== null) made.push(i + 1 + ":" + (r + 1));
        });
        learner = made.join(v12 ? "," : "; ") || null;
      }
    } else {
      learner = norm ? field(norm, version, v12 ? 255 : 4000) : null;
    }

    const rec = [["id", safeId(q.id)], ["type", kind]];
    if (!v12) {
      let text = plain(q.prompt);
      if (q.type === "calculated") {
        for (const [name, value] of Object.entries(draw(q, seed))) {
          const shown = decimal(value);
          text = text.split("{" + name + "}").join(shown === null ? String(value) : shown);
        }
      }
      const tag = o.lang ? "{lang=" + o.lang + "}" : "";
      rec.push(["description", tag + field(text, version)]);
    }
    rec.push(["weighting", decimal(RULES.types[q.type].graded ? q.points : 0) || "0"]);
    patterns.forEach((p, n) => rec.push(["correct_responses." + n + ".pattern", p]));
    if (learner !== null) rec.push([v12 ? "student_response" : "learner_response", learner]);
    let result;
    if (out.correct === null) result = "neutral";
    else if (out.correct) result = "correct";
    else result = v12 ? "wrong" : "incorrect";
    rec.push(["result", result]);
    rec.push(["latency", latency(o.seconds || 0, version)]);
    return rec;
  }

  return {
    RULES,
    FormulaError,
    question,
    fnv1a,
    roundHalfAway,
    mulberry32,
    draw,
    compute,
    calculatedAnswer,
    normaliseText,
    parseNumber,
    matchingSides,
    score,
    interaction,
    optionId,
    safeId,
    latency,
    decimal,
  };
});
