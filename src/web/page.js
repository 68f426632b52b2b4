/* page.js: the modes of bptrace's HTML page (embedded by src/web/embed.py).
 * The page is the whole trace without this script; the script adds step
 * mode, and with the WebAssembly module (src/web/api.c, the program's own
 * C) quiz mode, judged by bp_check, and edit mode, traced by the engine. */
(function () {
  'use strict';
  var main = document.getElementById('bp-main');
  var bar = document.getElementById('bp-bar');
  var dataEl = document.getElementById('bp-data');
  var data = dataEl ? JSON.parse(dataEl.textContent) : null;
  var mode = 'trace';
  var at = 0;                 /* step mode: the derivation shown last */
  var edits = {};             /* edit mode: name -> value as typed */
  var bp = null;              /* the module, once it is ready */

  function $(id) { return document.getElementById(id); }
  function derivations() { return main.querySelectorAll('.derivation'); }

  /* ---- the module's two functions: strings in, a string out ---- */
  function call(name, args) {
    var ptrs = [];
    var values = args.map(function (a) {
      if (typeof a !== 'string') return a;
      var p = (bp.stringToNewUTF8 || bp.allocateUTF8)(a);
      ptrs.push(p);
      return p;
    });
    var r = bp['_' + name].apply(null, values);
    var text = bp.UTF8ToString(r);
    bp._free(r);
    ptrs.forEach(function (p) { bp._free(p); });
    return text;
  }
  function editLines() {
    return Object.keys(edits).map(function (k) { return k + '=' + edits[k]; }).join('\n');
  }

  /* ---- step mode ---- */
  function highlight(unit) {
    document.querySelectorAll('svg .hl').forEach(function (e) { e.classList.remove('hl'); });
    if (unit < 0) return;
    var u = $('bp-u-' + unit);
    if (u) u.classList.add('hl');
    document.querySelectorAll('svg .edge[data-to="' + unit + '"]').forEach(function (e) {
      e.classList.add('hl');
    });
  }
  function showStep() {
    var ds = derivations();
    if (!ds.length) return;
    at = Math.max(0, Math.min(at, ds.length - 1));
    var cur = ds[at];
    var later = false;
    Array.prototype.forEach.call(main.children, function (el) {
      el.classList.toggle('later', later);
      if (el === cur) later = true;
    });
    ds.forEach(function (d) { d.classList.remove('current'); });
    cur.classList.add('current');
    highlight(parseInt(cur.getAttribute('data-unit'), 10));
    $('bp-step-at').textContent = (at + 1) + ' of ' + ds.length + ': ' + cur.getAttribute('data-q');
    $('bp-back').disabled = at === 0;
    $('bp-next').disabled = at === ds.length - 1;
    cur.scrollIntoView({block: 'center'});
  }
  function leaveStep() {
    main.querySelectorAll('.later, .current').forEach(function (el) {
      el.classList.remove('later', 'current');
    });
    highlight(-1);
  }

  /* ---- quiz mode ---- */
  var verdictText = {right: 'right', ECF: 'carried forward: right from your own numbers',
                     wrong: 'wrong', missing: '', 'too coarse': 'right, but too coarse'};
  var verdictClass = {right: 'right', ECF: 'ecf', wrong: 'wrong', missing: 'missing',
                      'too coarse': 'coarse'};
  function answersYaml() {
    var lines = ['# answers from the page, for: bptrace check LESSON answers.yaml', 'answers:'];
    main.querySelectorAll('.answer input').forEach(function (i) {
      var v = i.value.trim();
      if (v !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v))
        lines.push('  ' + i.getAttribute('data-name') + ': ' + v);
    });
    return lines.join('\n') + '\n';
  }
  var saveUrl = null;
  function updateSave() {
    var a = $('bp-save');
    if (!a) return;
    if (saveUrl) URL.revokeObjectURL(saveUrl);
    saveUrl = URL.createObjectURL(new Blob([answersYaml()], {type: 'text/yaml'}));
    a.href = saveUrl;
  }
  function judge() {
    if (!bp) return null;
    var yaml = answersYaml();
    updateSave();
    var r = call('bp_web_check', [data.lesson, data.seed, editLines(), yaml]);
    if (r.charAt(0) === '!') {
      $('bp-score').textContent = r.slice(1);
      return null;
    }
    var report = JSON.parse(r);
    var byName = {};
    report.items.forEach(function (it) { byName[it.name] = it; });
    var answered = 0, right = 0;
    main.querySelectorAll('.answer input').forEach(function (i) {
      var out = i.parentNode.querySelector('output');
      var it = byName[i.getAttribute('data-name')];
      var d = i.closest('.derivation');
      out.className = '';
      out.textContent = '';
      d.classList.remove('shown');
      if (!it || i.value.trim() === '') return;
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(i.value.trim())) {
        out.textContent = 'not a number';
        out.className = 'wrong';
        return;
      }
      answered++;
      out.className = verdictClass[it.status] || '';
      out.textContent = (verdictText[it.status] || it.status) + (it.hint ? ' (' + it.hint + ')' : '');
      out.setAttribute('data-status', it.status);
      if (it.status !== 'wrong') { right++; d.classList.add('shown'); }
    });
    $('bp-score').textContent = right + ' of ' + answered + ' answered right or carried forward';
    return report;
  }

  /* ---- edit mode ---- */
  function buildEditForm() {
    var form = $('bp-edit');
    if (!form || form.childNodes.length || !data.params) return;
    var fs = document.createElement('fieldset');
    var legend = document.createElement('legend');
    legend.textContent = 'Change a given number or the activation; the trace below follows at once.';
    fs.appendChild(legend);
    data.params.forEach(function (p) {
      var label = document.createElement('label');
      var input;
      if (p.choices) {
        input = document.createElement('select');
        p.choices.forEach(function (c) {
          var o = document.createElement('option');
          o.value = o.textContent = c;
          if (c === p.value) o.selected = true;
          input.appendChild(o);
        });
      } else {
        input = document.createElement('input');
        input.type = 'text';
        input.inputMode = 'decimal';
        input.value = p.value;
      }
      input.id = 'bp-e-' + p.name;
      input.setAttribute('data-name', p.name);
      input.setAttribute('data-original', p.value);
      label.htmlFor = input.id;
      label.textContent = p.label + ' ';
      label.appendChild(input);
      fs.appendChild(label);
      input.addEventListener(p.choices ? 'change' : 'input', function () {
        if (input.value === p.value) delete edits[p.name];
        else edits[p.name] = input.value.trim();
        retrace();
      });
    });
    form.appendChild(fs);
    var err = document.createElement('p');
    err.className = 'error';
    err.id = 'bp-edit-error';
    err.setAttribute('aria-live', 'polite');
    form.appendChild(err);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
  }
  function retrace() {
    var r = call('bp_web_trace', [data.lesson, data.seed, editLines(), data.exact ? 1 : 0]);
    if (r.charAt(0) === '!') {
      $('bp-edit-error').textContent = r.slice(1);
      return false;
    }
    $('bp-edit-error').textContent = '';
    main.innerHTML = r;
    main.querySelectorAll('.answer').forEach(function (p) { p.hidden = mode !== 'quiz'; });
    if (mode === 'step') showStep();
    return true;
  }

  /* ---- the modes ---- */
  function setMode(m) {
    if (mode === 'step') leaveStep();
    mode = m;
    document.body.classList.remove('step', 'quiz', 'edit');
    if (m !== 'trace') document.body.classList.add(m);
    bar.querySelectorAll('button[data-mode]').forEach(function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-mode') === m ? 'true' : 'false');
    });
    $('bp-step-controls').hidden = m !== 'step';
    if ($('bp-quiz-controls')) $('bp-quiz-controls').hidden = m !== 'quiz';
    if ($('bp-edit')) { buildEditForm(); $('bp-edit').hidden = m !== 'edit'; }
    var ws = data && data.worksheet;
    main.querySelectorAll('.answer').forEach(function (p) { p.hidden = !(m === 'quiz' || (ws && p.parentNode.hasAttribute('data-blank'))); });
    if (m === 'step') showStep();
    if (m === 'quiz') { updateSave(); var first = main.querySelector('.answer input'); if (first) first.focus(); }
  }

  bar.hidden = false;
  bar.addEventListener('click', function (e) {
    var b = e.target.closest('button');
    if (!b) return;
    if (b.hasAttribute('data-mode')) setMode(b.getAttribute('data-mode'));
    else if (b.id === 'bp-next') { at++; showStep(); }
    else if (b.id === 'bp-back') { at--; showStep(); }
    else if (b.id === 'bp-check') judge();
  });
  document.addEventListener('keydown', function (e) {
    if (mode !== 'step' || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target.tagName;
    if (t === 'INPUT' || t === 'SELECT' || t === 'TEXTAREA') return;
    if (e.key === 'ArrowRight') { at++; showStep(); e.preventDefault(); }
    else if (e.key === 'ArrowLeft') { at--; showStep(); e.preventDefault(); }
  });
  /* a worksheet's boxes are there in every mode */
  function judging() { return mode === 'quiz' || (data && data.worksheet); }
  main.addEventListener('keydown', function (e) {
    if (judging() && e.key === 'Enter' && e.target.tagName === 'INPUT') judge();
  });
  main.addEventListener('change', function (e) {
    if (judging() && e.target.tagName === 'INPUT') judge();
  });

  /* for the tests and for scripts: what the page can do, once ready */
  window.bptracePage = {setMode: setMode, judge: judge, retrace: retrace,
                        edits: edits, step: function (i) { at = i; showStep(); }};
  if (data && typeof createBpModule === 'function') {
    var t0 = performance.now();
    createBpModule().then(function (m) {
      bp = m;
      document.body.setAttribute('data-ready', 'module');
      /* editing a worksheet would show its blanks' answers */
      if (data.worksheet || !data.params.length)
        bar.querySelector('[data-mode="edit"]').hidden = true;
      document.body.setAttribute('data-module-ms', String(Math.round(performance.now() - t0)));
      /* since the page began to load: its time to interactive */
      document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
    });
  } else {
    document.body.setAttribute('data-ready', 'static');
    if (data) bar.querySelectorAll('[data-mode="quiz"], [data-mode="edit"]').forEach(function (b) { b.hidden = true; });
  }
})();
