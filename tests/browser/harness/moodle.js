/* A Moodle 4.4 double (mod/scorm) for browser tests, beside scorm-again: it follows Moodle where
 * Moodle's behaviour decides what a learner keeps (issue 13; facts observed on a real 4.4 and
 * read in mod/scorm):
 *  - launch (get_scorm_default): SCORM 2004 restores cmi.location, cmi.suspend_data,
 *    cmi.completion_status, cmi.success_status and cmi.total_time only when the stored cmi.exit
 *    is "suspend" (else: empty, completion "unknown", success "unknown", total PT0S); SCORM 1.2
 *    restores them always. The score and the interactions are restored always. cmi.entry is
 *    "ab-initio" without a stored status, "resume" when the stored exit is "suspend", else "".
 *  - Commit / Finish (datamodel.php → scorm_insert_track): the elements set since the last
 *    commit are written in the order they were first set. Writing *.score.raw updates the grade
 *    (grademethod highest, one attempt: the stored raw score) and then activity completion; a
 *    status element updates both only when its value *stored before the commit* — or the new
 *    value when there was no row — is completed/passed. Grade and completion read the rows as
 *    they stand at that moment.
 *  - Finish in 1.2: lesson_status "not attempted" becomes "completed", and with a mastery score
 *    and a raw score, passed/failed from raw ≥ mastery; both versions add session_time into
 *    total_time.
 *  - Completion (completionstatusrequired = 6): a status row passed or completed.
 *  - Rows are named as Moodle stores them: 1.2 cmi.interactions_N.*, 2004 cmi.interactions.N.*.
 *  - Refused values (SetValue answers "false"): 1.2 strings over their CMIString256/4096 limits;
 *    an interaction index at or over the query's `ilimit`; an index past _count.
 * Query: api=12|2004, pkg=URL, db=JSON of the "database" {tracks, grade, completed} from an
 * earlier launch (or window.moodleSeed, set before this script runs), mastery=percent (1.2
 * masteryscore, as the manifest says), ilimit=N (refuse
 * interaction indices ≥ N), smax=N (refuse suspend data longer than N), fh=N (the frame's
 * height in px, as Moodle sets it: 666 in its 500 px "new window" popup).
 *   window.moodleDb()  -> the database as committed so far
 *   window.lmsLog()    -> [{call, args, result}] every run-time call, in order */
(function () {
  'use strict';
  const q = new URLSearchParams(location.search);
  const v2004 = q.get('api') === '2004';
  const mastery = q.get('mastery') === null ? '' : q.get('mastery');
  const ilimit = q.get('ilimit') === null ? Infinity : Number(q.get('ilimit'));
  const smax = q.get('smax') === null ? Infinity : Number(q.get('smax')); // a stingier LMS
  const seed = q.get('db') ? JSON.parse(q.get('db')) : window.moodleSeed || {}; // too long for a URL
  const db = Object.assign({ tracks: {}, grade: null, completed: false, commits: [] }, seed);
  const N = v2004
    ? { location: 'cmi.location', suspend: 'cmi.suspend_data', status: 'cmi.completion_status',
        success: 'cmi.success_status', exit: 'cmi.exit', entry: 'cmi.entry', raw: 'cmi.score.raw',
        total: 'cmi.total_time', session: 'cmi.session_time', learner: 'cmi.learner_id' }
    : { location: 'cmi.core.lesson_location', suspend: 'cmi.suspend_data', status: 'cmi.core.lesson_status',
        success: null, exit: 'cmi.core.exit', entry: 'cmi.core.entry', raw: 'cmi.core.score.raw',
        total: 'cmi.core.total_time', session: 'cmi.core.session_time', learner: 'cmi.core.student_id' };
  const STATUSES = ['cmi.core.lesson_status', 'cmi.completion_status', 'cmi.success_status'];

  // the row name Moodle stores for a run-time element
  const row = (el) => (v2004 ? el : el.replace(/^cmi\.interactions\.(\d+)\./, 'cmi.interactions_$1.'));
  const unrow = (name) => name.replace(/^cmi\.interactions_(\d+)\./, 'cmi.interactions.$1.');

  // ---- launch: get_scorm_default
  const T = db.tracks;
  const suspended = T[N.exit] === 'suspend';
  const cmi = {};
  Object.keys(T).forEach((name) => {
    if (/^cmi\.interactions[._]/.test(name) || /score\./.test(name)) cmi[unrow(name)] = T[name];
  });
  const keep = !v2004 || suspended;
  cmi[N.location] = keep ? T[N.location] || '' : '';
  cmi[N.suspend] = keep ? T[N.suspend] || '' : '';
  cmi[N.status] = keep ? T[N.status] || (v2004 ? 'unknown' : 'not attempted') : 'unknown';
  if (N.success) cmi[N.success] = keep ? T[N.success] || 'unknown' : 'unknown';
  cmi[N.total] = keep && T[N.total] ? T[N.total] : v2004 ? 'PT0S' : '0000:00:00.00';
  cmi[N.exit] = '';
  cmi[N.entry] = !T[N.status] ? 'ab-initio' : suspended ? 'resume' : '';
  cmi[N.learner] = 'student1';
  if (!v2004) { cmi['cmi.core.lesson_mode'] = 'normal'; cmi['cmi.core.credit'] = 'credit'; cmi['cmi.student_data.mastery_score'] = mastery; }

  // cmi.interactions._count: one more than the highest index held (kept as values are set, not
  // counted over every element per call: a 200-slide course sets over a thousand of them)
  let held = 0;
  const countIn = (k) => { const m = /^cmi\.interactions\.(\d+)\./.exec(k); if (m) held = Math.max(held, Number(m[1]) + 1); };
  Object.keys(cmi).forEach(countIn);
  function count() { return held; }

  // ---- the run-time API
  let error = '0';
  let open = false;
  let pending = []; // element names set since the last commit, in first-set order
  const log = [];

  function refuse(code) { error = code; return 'false'; }

  function setValue(el, value) {
    if (!open) return refuse('301');
    const v = String(value);
    const m = /^cmi\.interactions\.(\d+)\./.exec(el);
    if (m) {
      const n = Number(m[1]);
      if (n > count() || n >= ilimit) return refuse('201');
    }
    if (el === N.suspend && v.length > smax) return refuse('405');
    if (!v2004) {
      const long = el === N.suspend ? 4096 : 255;
      if (v.length > long) return refuse('405');
    } else if (el === N.suspend && v.length > 64000) return refuse('406');
    error = '0';
    cmi[el] = v;
    countIn(el);
    if (pending.indexOf(el) < 0) pending.push(el);
    return 'true';
  }

  function getValue(el) {
    if (!open) { error = '301'; return ''; }
    error = '0';
    if (el === 'cmi.interactions._count') return String(count());
    return el in cmi ? cmi[el] : '';
  }

  function completion() {
    db.completed = STATUSES.some((s) => T[s] === 'passed' || T[s] === 'completed');
  }

  function updateGrades() { // scorm_update_grades → scorm_set_completion
    const raw = parseFloat(T[N.raw]);
    if (isFinite(raw)) db.grade = raw;
    completion();
  }

  function store(names) { // datamodel.php: scorm_insert_track per element, in order
    const written = [];
    names.forEach((el) => {
      const name = row(el);
      const had = Object.prototype.hasOwnProperty.call(T, name);
      const before = T[name];
      T[name] = cmi[el];
      written.push(name);
      if (/score\.raw$/.test(el)) updateGrades();
      else if (STATUSES.indexOf(el) >= 0) {
        const decide = had ? before : cmi[el];
        if (decide === 'completed' || decide === 'passed') updateGrades();
      }
    });
    db.commits.push(written);
  }

  function commit() {
    if (!open) return refuse('301');
    store(pending);
    pending = [];
    error = '0';
    return 'true';
  }

  function addTime(a, b) { // total_time + session_time
    const secs = (x) => {
      if (v2004) {
        const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(x || '') || [];
        return (+m[1] || 0) * 86400 + (+m[2] || 0) * 3600 + (+m[3] || 0) * 60 + (parseFloat(m[4]) || 0);
      }
      const p = String(x || '0:0:0').split(':');
      return (+p[0] || 0) * 3600 + (+p[1] || 0) * 60 + (parseFloat(p[2]) || 0);
    };
    const s = Math.round((secs(a) + secs(b)) * 100) / 100;
    if (v2004) return 'PT' + s.toFixed(2) + 'S';
    const pad = (n) => String(Math.floor(n)).padStart(2, '0');
    return String(Math.floor(s / 3600)).padStart(4, '0') + ':' + pad((s / 60) % 60) + ':' + pad(s % 60) + '.' + String(Math.round((s % 1) * 100)).padStart(2, '0');
  }

  function finish() {
    if (!open) return refuse('301');
    if (!v2004) {
      const status = cmi[N.status];
      if (status === 'not attempted') setValue(N.status, 'completed');
      if (mastery !== '' && cmi[N.raw] !== undefined && cmi[N.raw] !== '') {
        setValue(N.status, parseFloat(cmi[N.raw]) >= parseFloat(mastery) ? 'passed' : 'failed');
      }
    }
    if (cmi[N.session]) {
      cmi[N.total] = addTime(cmi[N.total], cmi[N.session]);
      if (pending.indexOf(N.total) < 0) pending.push(N.total);
    }
    commit();
    open = false;
    return 'true';
  }

  const methods = v2004
    ? { Initialize: () => { open = true; error = '0'; return 'true'; }, Terminate: finish, GetValue: getValue,
        SetValue: setValue, Commit: commit, GetLastError: () => error, GetErrorString: () => '', GetDiagnostic: () => '' }
    : { LMSInitialize: () => { open = true; error = '0'; return 'true'; }, LMSFinish: finish, LMSGetValue: getValue,
        LMSSetValue: setValue, LMSCommit: commit, LMSGetLastError: () => error, LMSGetErrorString: () => '', LMSGetDiagnostic: () => '' };
  const api = {};
  Object.keys(methods).forEach((name) => {
    api[name] = function (...args) {
      const result = methods[name](...args);
      if (!/Error|Diagnostic/.test(name)) log.push({ call: name, args, result });
      return result;
    };
  });
  window[v2004 ? 'API_1484_11' : 'API'] = api;
  window.moodleDb = () => JSON.parse(JSON.stringify(db));
  window.lmsLog = () => JSON.parse(JSON.stringify(log));
  const sco = document.getElementById('sco');
  if (q.get('fh')) sco.style.height = q.get('fh') + 'px'; // Moodle's frame height, e.g. 666
  sco.src = q.get('pkg') || '/pkg/index.html';
})();
